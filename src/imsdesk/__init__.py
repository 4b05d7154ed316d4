"""IMS Desk: ISO 9001 and ISO 14001 self-assessment and gap analysis."""

from __future__ import annotations

__version__ = "0.1.0"
APP_NAME = "IMS Desk"
