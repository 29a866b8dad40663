"""The build fingerprint: one short string naming everything an article's graph depends on
besides the article itself.

Takes the model name (and its version), the data folder in force and diplokg's version;
gives a stable hex string. Two builds with the same fingerprint extract the same facts from
the same text, so :func:`kg.pipeline.build` re-extracts an article whose stored fingerprint
differs from the current one (a new model, an edited gazetteer, rule cue or ontology file,
another diplokg). The data files are hashed by content, so a copy of the packaged data given
as ``--data-dir`` gives the same fingerprint.

Imports no spaCy and loads no model: ``kg info`` computes it from the model package's
metadata (see :func:`model_version`); :attr:`kg.extract.Extractor.fingerprint` from the
loaded pipeline.
"""

from __future__ import annotations

import hashlib
import json
import os

from kg.resources import FILES, data_dir

__all__ = ["fingerprint", "installed_fingerprint", "model_version"]

_LENGTH = 16


def model_version(model: str) -> str | None:
    """The installed version of the spaCy model package ``model``; "" for "blank"; None when
    no package of that name is installed (e.g. a model given as a folder).

    Examples
    --------
    >>> model_version("blank")
    ''
    """
    from importlib.metadata import PackageNotFoundError, version

    if model == "blank":
        return ""
    try:
        return version(model)
    except (PackageNotFoundError, ValueError):
        return None


def fingerprint(*, model: str, version: str, data: str | os.PathLike[str] | None = None) -> str:
    """The fingerprint of a build with ``model`` at ``version``, the data folder ``data``
    (None: the packaged data) and this diplokg.

    It is the first 16 hex digits of the SHA-256 of a canonical JSON of: the model name and
    version ("blank" alone for the blank pipeline), the SHA-256 of every data file of
    :data:`kg.resources.FILES`, and diplokg's version.

    Raises
    ------
    ConfigError
        ``data`` is not a complete data folder (see :func:`kg.resources.data_dir`).

    Examples
    --------
    >>> a = fingerprint(model="blank", version="")
    >>> len(a), a == fingerprint(model="blank", version=""), a == fingerprint(model="m", version="1")
    (16, True, False)
    """
    from kg import __version__

    folder = data_dir(data)
    files = {f"{sub}/{name}": hashlib.sha256(folder.file(sub, name).read_bytes()).hexdigest()
             for sub, names in FILES.items() for name in names}
    parts = {
        "model": "blank" if model == "blank" else f"{model} {version}",
        "data": files,
        "diplokg": __version__,
    }
    canonical = json.dumps(parts, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:_LENGTH]


def installed_fingerprint(model: str, *, data: str | os.PathLike[str] | None = None) -> str | None:
    """The fingerprint a build with ``model`` and ``data`` would record, from the model
    package's metadata, without loading the model (``kg info``); None when ``model`` is no
    installed package (a model folder: only loading it tells its version)."""
    version = model_version(model)
    return None if version is None else fingerprint(model=model, version=version, data=data)
