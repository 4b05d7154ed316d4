"""The PySide6 desktop app. The only package of IMS Desk that imports Qt."""
