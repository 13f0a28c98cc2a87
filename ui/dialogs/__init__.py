"""Dialogs that more than one page may open."""
