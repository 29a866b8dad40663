"""kg.resources on real files: the packaged data is complete, an override folder replaces it
whole, a wrong folder is one clear message; and the built wheel carries the data and works
installed outside the checkout."""

from __future__ import annotations

import fnmatch
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from kg.errors import ConfigError
from kg.resources import FILES, data_dir

REPO = Path(__file__).resolve().parents[1]
# the source of truth of each packaged folder (kg/data/<folder> is a symlink to it)
SOURCES = {"gazetteers": REPO / "data" / "gazetteers", "rules": REPO / "data" / "rules", "ontology": REPO / "ontology"}
DATA_SUFFIXES = {".jsonl", ".json", ".ttl"}  # READMEs and the generator script stay out of the package
SEED = REPO / "data" / "articles" / "seed-india-us-hsd.txt"


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A complete copy of the packaged data: a valid override folder."""
    folder = tmp_path / "my-data"
    shutil.copytree(data_dir().root, folder)  # follows the checkout's symlinks: real files
    return folder


# ---------------------------------------------------------------- the packaged data


def test_resources_find_every_packaged_file() -> None:
    data = data_dir()
    assert data.packaged and data.missing() == []
    for folder, names in FILES.items():
        for name in names:
            path = data.file(folder, name)
            assert path.is_file() and path.stat().st_size > 0, path


def test_resources_declare_every_data_file_of_the_source_tree() -> None:
    """A gazetteer, cue or ontology file added to data/ or ontology/ must be listed in FILES."""
    for folder, source in SOURCES.items():
        on_disk = {p.name for p in source.iterdir() if p.is_file() and p.suffix in DATA_SUFFIXES}
        assert set(FILES[folder]) == on_disk, folder


def test_resources_in_a_checkout_are_the_source_files() -> None:
    for folder, names in FILES.items():
        for name in names:
            assert data_dir().file(folder, name).samefile(SOURCES[folder] / name)


def test_resources_every_file_matches_the_package_data_globs() -> None:
    """What FILES lists is what pyproject.toml puts into the wheel (the wheel test checks the result)."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["kg"]
    for folder, names in FILES.items():
        for name in names:
            assert any(fnmatch.fnmatch(f"data/{folder}/{name}", glob) for glob in globs), (folder, name)


def test_resources_refuse_a_name_that_is_no_data_file() -> None:
    with pytest.raises(ConfigError, match=r"ontology/other\.ttl is not a data file of diplokg"):
        data_dir().file("ontology", "other.ttl")


# ---------------------------------------------------------------- an override folder


def test_resources_override_replaces_the_packaged_folder(copy: Path) -> None:
    data = data_dir(copy)
    assert not data.packaged and data.root == copy
    assert data.file("rules", "cues.json") == copy / "rules" / "cues.json"
    assert data.describe() == f"override: {copy}"
    assert data_dir().describe().startswith("packaged: ")


def test_resources_missing_override_folder_is_one_clear_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        data_dir(tmp_path / "nowhere")
    message = str(caught.value)
    assert f"data folder {tmp_path / 'nowhere'} does not exist" in message
    assert "gazetteers/, rules/ and ontology/" in message and "\n" not in message


def test_resources_an_override_that_is_a_file_is_refused(tmp_path: Path) -> None:
    a_file = tmp_path / "data.txt"
    a_file.write_text("not a folder", encoding="utf-8")
    with pytest.raises(ConfigError, match="is not a folder"):
        data_dir(a_file)


def test_resources_an_incomplete_override_names_every_missing_file(copy: Path) -> None:
    (copy / "rules" / "cues.json").unlink()
    (copy / "ontology" / "shapes.ttl").unlink()
    with pytest.raises(ConfigError) as caught:
        data_dir(copy)
    message = str(caught.value)
    assert f"data folder {copy} lacks rules/cues.json, ontology/shapes.ttl" in message
    assert str(data_dir().root) in message  # where to copy them from
    assert "\n" not in message


def test_resources_override_is_what_the_readers_read(copy: Path) -> None:
    from kg.extract.gazetteer import load_gazetteer

    with (copy / "gazetteers" / "organizations.jsonl").open("a", encoding="utf-8") as handle:
        handle.write('{"id": "zorbian-league", "name": "Zorbian League", "aliases": ["ZL"]}\n')
    assert load_gazetteer(copy).lookup("Zorbian League")
    assert not load_gazetteer().lookup("Zorbian League")


# ---------------------------------------------------------------- the wheel, installed elsewhere

_NOT_SOURCES = shutil.ignore_patterns(".git", ".venv", ".kg", "build", "dist", "out", "*.egg-info", "__pycache__",
                                      ".pytest_cache", "tests", "notebooks", "benchmarks")


@pytest.mark.slow
def test_resources_ship_in_the_wheel_and_work_installed_outside_the_checkout(tmp_path: Path) -> None:
    """Build the wheel from a copy of the sources, install it alone into a new venv, and run
    kg from a folder that has no data/ or ontology/: extraction, build and validation must
    read the packaged files. The new venv borrows this one's dependencies through a .pth
    file, which keeps the test to seconds; .ci/run installs the whole lock into a new venv."""
    sources = tmp_path / "src"  # a copy, so the build writes nothing into the checkout
    shutil.copytree(REPO, sources, symlinks=True, ignore=_NOT_SOURCES)
    wheels = tmp_path / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", wheels, sources])
    (wheel,) = wheels.glob("diplokg-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder, files in FILES.items():
        for name in files:
            assert f"kg/data/{folder}/{name}" in names, (folder, name)
    assert not any(n.endswith("build_countries.py") for n in names)

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).strip())
    # this venv's packages come after the new venv's own; .pth files in them are not run, so
    # the editable install of the checkout stays invisible
    (site / "borrowed-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "-q", wheel])

    work = tmp_path / "work"
    work.mkdir()
    article = work / SEED.name
    shutil.copy(SEED, article)
    kg = env_dir / "bin" / "kg"
    assert _run([python, "-c", "import kg; print(kg.__file__)"], cwd=work).startswith(str(site))
    info = _run([kg, "info", "--store", "memory"], cwd=work)
    assert f"packaged: {site / 'kg' / 'data'}" in info

    turtle = _run([kg, "extract", article, "--format", "turtle"], cwd=work)
    graph = Graph().parse(data=turtle, format="turtle")
    assert URIRef("https://w3id.org/diplokg/id/country/IN") in set(graph.subjects())  # keyed by the gazetteer
    store = tmp_path / "store"
    _run([kg, "build", article, "--store", store, "--model", "blank"], cwd=work)
    assert _run([kg, "validate", "--store", store], cwd=work).startswith("conforms")


def _run(command: list, *, cwd: Path | None = None) -> str:
    """Run a command with no KG_ or PYTHON path settings from this process; give its stdout."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KG_", "PYTHONPATH", "PYTHONHOME"))}
    env["COLUMNS"] = "400"  # one line per table row, whatever the path lengths
    done = subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    return done.stdout
