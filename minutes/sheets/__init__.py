"""Sheets: renderers of parsed minutes (JSON aside) and resolution tracking. Never imports parsing."""
