"""The exceptions Oversight raises.

Every error the library raises on purpose derives from :class:`OversightError`, so the CLI can turn any of
them into one clear line and an exit code::

    OversightError
     ├── ReferenceDataError   a shipped or user-edited reference file is invalid
     ├── NotFoundError        a country, vendor, buyer, document or deployment that does not exist
     ├── InputError           bad user input: a path, a value, a mapping
     └── StoreError           the database is unreachable, too old, or refused a write

Messages say what was wrong and what to do about it.
"""

from __future__ import annotations


class OversightError(Exception):
    """Root of every error Oversight raises on purpose."""


class ReferenceDataError(OversightError):
    """A reference data file is missing, malformed or inconsistent."""


class NotFoundError(OversightError):
    """Something a user named does not exist."""


class InputError(OversightError):
    """A user-supplied value or file cannot be used."""


class StoreError(OversightError):
    """The database cannot be reached, is not at the expected version, or refused a write."""
