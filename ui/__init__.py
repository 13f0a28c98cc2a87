"""The window: PySide6 pages, dialogs, table models and the background-job runner on top of `core`."""
