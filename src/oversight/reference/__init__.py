"""Reference knowledge: countries, regions, cities, technologies, vendors and buyers, each fact with its source.

The data lives in versioned YAML files under ``data/``; :func:`reference` loads and validates them once.
"""

from oversight.reference.names import fold, transliterate
from oversight.reference.registry import Reference, load_reference, reference

__all__ = ["Reference", "fold", "load_reference", "reference", "transliterate"]
