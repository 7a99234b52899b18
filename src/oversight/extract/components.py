"""Extraction components: small steps registered by name, each declaring what it needs and what it sets.

A pipeline is a list of component names; :func:`check_pipeline` verifies before a run that every step finds what
it needs. Another language or a different scorer is a new component, not a change to the others.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from oversight.errors import InputError


@dataclass
class Doc:
    """What the components of one run know about one text; each component fills its own slots.

    ``context`` holds what every component may read (the lexicon, the reference registry, the model).
    """

    text: str
    context: Any
    slots: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Component:
    """A named step: ``run`` reads the slots in ``needs`` and writes the slots in ``sets``."""

    name: str
    needs: tuple[str, ...]
    sets: tuple[str, ...]
    run: Callable[[Doc], None]


REGISTRY: dict[str, Component] = {}


def register(component: Component) -> Component:
    """Make a component available to pipelines by its name."""
    REGISTRY[component.name] = component
    return component


def check_pipeline(names: Sequence[str]) -> list[Component]:
    """The components of a pipeline, after checking that each one's needs are set by an earlier one."""
    available = {"text"}
    steps = []
    for name in names:
        component = REGISTRY.get(name)
        if component is None:
            raise InputError(f"unknown extraction component {name!r}; known: {', '.join(sorted(REGISTRY))}")
        missing = [need for need in component.needs if need not in available]
        if missing:
            raise InputError(f"component {name!r} needs {', '.join(missing)}, which no earlier component sets")
        available.update(component.sets)
        steps.append(component)
    return steps


def run_pipeline(steps: Sequence[Component], text: str, context: Any, slots: dict[str, Any] | None = None) -> Doc:
    """Run checked components over a text (``slots``: what is already known of it)."""
    doc = Doc(text=text, context=context, slots=dict(slots or {}))
    for step in steps:
        step.run(doc)
    return doc
