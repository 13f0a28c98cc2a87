"""The window's pages, one per item of the navigation list."""
