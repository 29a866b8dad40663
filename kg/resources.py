"""Where the data files diplokg reads at run time are: gazetteers, rule cues, ontology, shapes.

Takes an optional folder that replaces the packaged data; gives the path of each file. The
files ship inside the package as ``kg/data/gazetteers``, ``kg/data/rules`` and
``kg/data/ontology`` and are found with :mod:`importlib.resources`, so an installed wheel
reads them wherever it is installed, whatever the working directory. In the source tree
those three folders are symlinks to ``data/gazetteers``, ``data/rules`` and ``ontology/``,
the files one edits (an editable install reads them in place). A folder laid out the same
way, given as ``--data-dir`` or ``$KG_DATA_DIR`` (see :class:`kg.config.Settings`), replaces
the packaged data as a whole, so it must hold every file of :data:`FILES`.

Every reader of these files (:mod:`kg.extract.gazetteer`, :mod:`kg.validate`) asks this
module; no other module builds their paths. Nothing is read at import time.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from kg.errors import ConfigError

__all__ = ["FILES", "DataDir", "data_dir"]

FILES: Mapping[str, tuple[str, ...]] = {
    "gazetteers": ("countries.jsonl", "organizations.jsonl", "agencies.jsonl", "titles.jsonl", "officials.jsonl"),
    "rules": ("cues.json", "interactions.json"),
    "ontology": ("diplomacy.ttl", "shapes.ttl", "plover.ttl", "cameo.ttl"),
}
"""Every file of a data folder, by subfolder: the packaged folder and an override alike."""


@dataclass(frozen=True)
class DataDir:
    """A folder holding ``gazetteers/``, ``rules/`` and ``ontology/``; build it with :func:`data_dir`.

    ``packaged`` is true for the data that ships inside the package, false for an override.
    """

    root: Path
    packaged: bool

    def file(self, folder: str, name: str) -> Path:
        """The path of the data file ``folder/name`` (one of :data:`FILES`).

        Raises
        ------
        ConfigError
            The file is not one of :data:`FILES`, or it is missing; the message names it and
            says what to do.

        Examples
        --------
        >>> data_dir().file("ontology", "shapes.ttl").name
        'shapes.ttl'
        """
        if name not in FILES.get(folder, ()):
            known = ", ".join(f"{f}/{n}" for f, names in FILES.items() for n in names)
            raise ConfigError(f"{folder}/{name} is not a data file of diplokg; the data files are {known}")
        path = self.root / folder / name
        if not path.is_file():
            raise ConfigError(self._missing_message([f"{folder}/{name}"]))
        return path

    def missing(self) -> list[str]:
        """The files of :data:`FILES` this folder lacks, as ``folder/name``; empty when complete."""
        return [f"{folder}/{name}" for folder, names in FILES.items() for name in names
                if not (self.root / folder / name).is_file()]

    def describe(self) -> str:
        """Which data is in force and where, for ``kg info``: ``packaged: PATH`` or ``override: PATH``."""
        return f"{'packaged' if self.packaged else 'override'}: {self.root}"

    def _missing_message(self, names: list[str]) -> str:
        listed = ", ".join(names)
        if self.packaged:
            return (f"the packaged data of diplokg lacks {listed} (looked in {self.root}): reinstall diplokg; "
                    f"in a source checkout, restore the files with 'git checkout -- data ontology kg/data'")
        return (f"data folder {self.root} lacks {listed}: an override must hold every data file; copy the "
                f"missing ones from the packaged data ({_packaged().root}), or drop --data-dir and $KG_DATA_DIR")


def data_dir(override: str | os.PathLike[str] | None = None) -> DataDir:
    """The data folder in force: ``override`` when given, else the one inside the package.

    An override is checked whole at once, so a wrong folder stops a command before any work
    (loading the model, opening the store) with one message that lists every missing file.

    Raises
    ------
    ConfigError
        ``override`` is not a folder, or lacks some file of :data:`FILES`.

    Examples
    --------
    >>> data_dir().packaged
    True
    """
    if override is None:
        return _packaged()
    root = Path(override).expanduser().absolute()
    if not root.is_dir():
        raise ConfigError(
            f"data folder {root} does not exist or is not a folder: give --data-dir (or $KG_DATA_DIR) a folder "
            f"holding gazetteers/, rules/ and ontology/ laid out like {_packaged().root}, or drop both to use "
            f"the packaged data"
        )
    found = DataDir(root, packaged=False)
    missing = found.missing()
    if missing:
        raise ConfigError(found._missing_message(missing))
    return found


def _packaged() -> DataDir:
    root = files("kg") / "data"
    if not isinstance(root, Path):  # e.g. imported from a zip archive: no folder to hand out
        raise ConfigError(f"the packaged data of diplokg is not on the file system ({root}): install diplokg "
                          f"with pip, or pass --data-dir with a copy of the data folders")
    return DataDir(root, packaged=True)
