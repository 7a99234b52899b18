"""Oversight: an open observatory of surveillance-technology transfers."""

__version__ = "0.1.0"
