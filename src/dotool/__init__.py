"""dotool — the masterplan as code."""

__version__ = "0.1.0"
