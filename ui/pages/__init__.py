"""The window's pages (one per item of the navigation list); older pages still live in ui/ and move here as they are touched."""
