"""The window's dialogs: forms, the settings, the replay, the purchase-order actions."""
