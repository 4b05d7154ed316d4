"""Small dialogs of the desktop app: preferences and about (one class per module)."""
