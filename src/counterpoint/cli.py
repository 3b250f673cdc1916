"""The command line: parse options, build settings, call the public API, print.

Exit codes: 0 success; 1 some inputs were rejected (the rest were processed);
2 an error stopped the command (one line on stderr, no traceback; set
COUNTERPOINT_DEBUG=1 to see the traceback).
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Iterator, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

import counterpoint
from counterpoint.errors import CounterpointError
from counterpoint.settings import SETTINGS, Settings, config_path, load_settings

EXIT_OK, EXIT_REJECTED, EXIT_ERROR = 0, 1, 2

app = typer.Typer(
    name="counterpoint",
    help="Compare how news outlets tell one story: who says what, claims, stances, framing, timeline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
if not out.is_terminal:  # piped or captured: wide enough for the report tables
    out = Console(width=max(out.width, 120))
err = Console(stderr=True, soft_wrap=True)  # one line per message, greppable


class ReportFormat(str, Enum):
    terminal = "terminal"
    markdown = "markdown"
    json = "json"
    html = "html"


DbOption = Annotated[
    Optional[str],
    typer.Option("--db", help="Store: SQLite path or SQLAlchemy URL (env COUNTERPOINT_DB).", show_default=False),
]


@app.callback()
def _main(ctx: typer.Context, db: DbOption = None) -> None:
    ctx.obj = {"db": db}


def _settings(ctx: typer.Context, **overrides: Any) -> Settings:
    db = (ctx.obj or {}).get("db")
    return load_settings({"db": db, **overrides})


@contextmanager
def _progress(label: str, enabled: bool = True) -> Iterator[Any]:
    """A progress bar on stderr for multi-file work; silent when stderr is not a terminal."""
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=not (enabled and err.is_terminal),
    )
    with progress:
        task = progress.add_task(label, total=None)

        def update(done: int, total: int | None) -> None:
            progress.update(task, completed=done, total=total)

        yield update


def _meta(outlet: str | None, url: str | None, published: str | None) -> dict[str, str] | None:
    meta = {k: v for k, v in {"outlet": outlet, "url": url, "published": published}.items() if v}
    return meta or None


def _print_rejections(rejected: list[Any]) -> None:
    for r in rejected:
        err.print(f"[red]rejected[/] {r.source}: {r.detail} [dim]({r.reason})[/]", highlight=False)


Paths = Annotated[list[Path], typer.Argument(help="Files or folders of plain-text articles.")]
Outlet = Annotated[Optional[str], typer.Option(help="Outlet name for these files (else from <file>.meta.json).")]
Url = Annotated[Optional[str], typer.Option(help="Source URL for these files.")]
Published = Annotated[Optional[str], typer.Option(help="Publication date (ISO) for these files.")]


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Paths,
    outlet: Outlet = None,
    url: Url = None,
    published: Published = None,
) -> None:
    """Read, clean and store articles. Bad files are rejected with a reason; the rest go on."""
    settings = _settings(ctx)
    store = counterpoint.open_store(settings=settings)
    with _progress("ingest") as update:
        result = counterpoint.ingest(
            paths, store=store, meta=_meta(outlet, url, published), settings=settings, on_progress=update
        )
    out.print(
        f"stored {len(result.stored)} new, {len(result.unchanged)} already stored, "
        f"{len(result.rejected)} rejected  [dim]({settings.db_url})[/]",
        highlight=False,
    )
    _print_rejections(result.rejected)
    raise typer.Exit(EXIT_REJECTED if result.rejected else EXIT_OK)


@app.command()
def analyze(
    ctx: typer.Context,
    ids: Annotated[Optional[list[str]], typer.Argument(help="Article ids or unique prefixes (default: all pending).")] = None,
    force: Annotated[bool, typer.Option(help="Re-analyse articles already analysed.")] = False,
    workers: Annotated[Optional[int], typer.Option(help="Worker processes.")] = None,
) -> None:
    """Analyse stored articles (entities, attributions, claims, dates), then group them into stories."""
    settings = _settings(ctx, workers=workers)
    store = counterpoint.open_store(settings=settings)
    result = counterpoint.analyze(ids or None, store=store, force=force, settings=settings, progress=err.is_terminal)
    stories = counterpoint.group_stories(store=store, settings=settings)
    out.print(f"analysed {len(result.analyses)} articles; {len(stories)} stories", highlight=False)
    _print_rejections(result.failed)
    raise typer.Exit(EXIT_REJECTED if result.failed else EXIT_OK)


def _emit(result: Any, fmt: ReportFormat, output: Path | None) -> None:
    from counterpoint.report import render_html, render_json, render_markdown
    from counterpoint.report.terminal import render_terminal

    if fmt is ReportFormat.terminal and output is None:
        render_terminal(result, out)
        return
    if fmt is ReportFormat.terminal:
        console = Console(record=True, width=140, file=open(os.devnull, "w"))
        render_terminal(result, console)
        text = console.export_text()
    elif fmt is ReportFormat.markdown:
        text = render_markdown(result)
    elif fmt is ReportFormat.html:
        text = render_html(result)
    else:
        text = render_json(result)
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        output.write_text(text, encoding="utf-8")
        err.print(f"wrote {output}")


FormatOption = Annotated[ReportFormat, typer.Option("--format", "-f", help="Output format.")]
OutputOption = Annotated[Optional[Path], typer.Option("--out", "-o", help="Write the report to this file.")]


@app.command()
def compare(
    ctx: typer.Context,
    paths: Paths,
    format: FormatOption = ReportFormat.terminal,
    output: OutputOption = None,
    outlet: Outlet = None,
) -> None:
    """Ingest, analyse and compare the given articles as one story."""
    settings = _settings(ctx)
    store = counterpoint.open_store(settings=settings)
    with _progress("read") as update:
        result = counterpoint.compare(
            paths, store=store, meta=_meta(outlet, None, None), settings=settings, on_progress=update
        )
    _emit(result, format, output)
    _print_rejections(result.rejected)
    raise typer.Exit(EXIT_REJECTED if result.rejected else EXIT_OK)


stories_app = typer.Typer(
    help="List the stories in the store; merge or split them by hand (kept through regrouping).",
    invoke_without_command=True,
)
app.add_typer(stories_app, name="stories")


@stories_app.callback()
def stories(
    ctx: typer.Context,
    regroup: Annotated[bool, typer.Option(help="Regroup every automatic story first (pinned ones stay).")] = False,
) -> None:
    """List the stories in the store (pinned = merged or split by hand)."""
    if ctx.invoked_subcommand is not None:
        return
    settings = _settings(ctx)
    store = counterpoint.open_store(settings=settings)
    if regroup:
        counterpoint.group_stories(store=store, settings=settings, rebuild=True)
    table = Table(title="Stories")
    for col in ("id", "articles", "title", "pinned"):
        table.add_column(col)
    for story in store.stories():
        table.add_row(story.id[:16], str(len(story.article_ids)), story.title, "yes" if story.pinned else "")
    out.print(table)


@stories_app.command("merge")
def stories_merge(
    ctx: typer.Context,
    ids: Annotated[list[str], typer.Argument(help="Two or more story ids or unique prefixes; the first keeps its id.")],
) -> None:
    """Merge stories by hand into one pinned story."""
    from counterpoint.api import merge_stories

    story = merge_stories(ids, store=counterpoint.open_store(settings=_settings(ctx)))
    out.print(f"merged into {story.id} ({len(story.article_ids)} articles, pinned)", highlight=False)


@stories_app.command("split")
def stories_split(
    ctx: typer.Context,
    story: Annotated[str, typer.Argument(help="Story id or unique prefix.")],
    articles: Annotated[list[str], typer.Argument(help="Ids (or unique prefixes) of the articles to move out.")],
) -> None:
    """Move articles out of a story into a new story, by hand; both stay pinned."""
    from counterpoint.api import split_story

    kept, new = split_story(story, articles, store=counterpoint.open_store(settings=_settings(ctx)))
    out.print(f"{kept.id}: {len(kept.article_ids)} articles; new {new.id}: {len(new.article_ids)} articles "
              "(both pinned)", highlight=False)


@app.command()
def report(
    ctx: typer.Context,
    story: Annotated[str, typer.Argument(help="Story id or unique prefix (see `counterpoint stories`).")],
    format: FormatOption = ReportFormat.terminal,
    output: OutputOption = None,
) -> None:
    """Print the comparison of a stored story."""
    from counterpoint.api import compare_story_records

    settings = _settings(ctx)
    store = counterpoint.open_store(settings=settings)
    result = compare_story_records(store, store.get_story(story), settings=settings)
    _emit(result, format, output)


@app.command()
def rejections(ctx: typer.Context) -> None:
    """List every rejected input with its reason."""
    store = counterpoint.open_store(settings=_settings(ctx))
    table = Table(title="Rejected inputs")
    for col in ("when", "source", "reason", "detail"):
        table.add_column(col, overflow="fold")
    for r in store.rejections():
        table.add_row(r.at.isoformat(timespec="seconds"), r.source, r.reason, r.detail)
    out.print(table)


@app.command()
def schema(
    record: Annotated[Optional[str], typer.Argument(help="One record name (default: all).")] = None,
) -> None:
    """Print the JSON Schema of the records."""
    from counterpoint.records import ALL_RECORDS

    by_name = {r.__name__: r for r in ALL_RECORDS}
    if record is not None:
        if record not in by_name:
            raise CounterpointError(f"unknown record {record!r}; one of: {', '.join(by_name)}")
        doc: Any = by_name[record].model_json_schema()
    else:
        doc = {name: cls.model_json_schema() for name, cls in by_name.items()}
    sys.stdout.write(json.dumps(doc, indent=2) + "\n")


@app.command()
def config(ctx: typer.Context) -> None:
    """Show the effective settings and where each value comes from."""
    settings = _settings(ctx)
    if not out.is_terminal:  # piped: TOML lines, ready to paste into the settings file
        sys.stdout.write(f"# user file: {config_path()}\n")
        for s in SETTINGS:
            value = json.dumps(settings.values[s.name])
            sys.stdout.write(f"{s.name} = {value}  # {settings.origins[s.name]}: {s.help}\n")
        return
    table = Table(title=f"Settings (user file: {config_path()})")
    for col in ("name", "value", "from", "help"):
        table.add_column(col, overflow="fold")
    for s in SETTINGS:
        table.add_row(s.name, str(settings.values[s.name]), settings.origins[s.name], s.help)
    out.print(table)


eval_app = typer.Typer(
    help="Measure the analysis on benchmark data: metrics as JSON, the main figure last.",
    no_args_is_help=True,
)
app.add_typer(eval_app, name="eval")
train_app = typer.Typer(help="Train the shipped models from benchmark data.", no_args_is_help=True)
app.add_typer(train_app, name="train")

DataDir = Annotated[Path, typer.Argument(help="Folder in the benchmark's format (see ../shared/eval/README.md).")]


@eval_app.command("stories")
def eval_stories(
    data: DataDir,
    out: Annotated[Optional[Path], typer.Option("--out", help="Write predictions (doc_id,story_id) here.")] = None,
    threshold: Annotated[Optional[float], typer.Option(help="Join threshold (default: the grouper's).")] = None,
    part: Annotated[str, typer.Option(help="all, or the seeded half of the stories: tune or test.")] = "all",
    shuffle: Annotated[Optional[int], typer.Option(help="Feed the documents in an order shuffled with this seed.")] = None,
    embeddings: Annotated[bool, typer.Option(help="Mix in sentence-embedding similarity (needs the extra).")] = False,
    embedding_check: Annotated[bool, typer.Option(
        help="Ask the sentence encoder on borderline decisions, as `analyze` does where the extra is installed.")] = False,
) -> None:
    """Story grouping: B-cubed precision, recall, F1 on a documents.csv folder (file order; lexical by default)."""
    from counterpoint.eval.stories import evaluate_stories, format_report

    result = evaluate_stories(data, threshold=threshold, part=part, shuffle_seed=shuffle, out=out,
                              embeddings=embeddings, embedding_check=embedding_check)
    sys.stdout.write(format_report(result) + "\n")


@eval_app.command("polnear")
def eval_polnear(
    data: DataDir,
    out: Annotated[Optional[Path], typer.Option("--out", help="Write brat .ann predictions under this folder.")] = None,
    split: Annotated[list[str], typer.Option(help="PolNeAR compartments to score (repeatable).")] = ["dev"],
    limit: Annotated[Optional[int], typer.Option(help="Score only the first N documents.")] = None,
    baseline: Annotated[bool, typer.Option(help="Also score textacy's direct_quotations.")] = True,
) -> None:
    """Attribution: Source, Cue, Content P/R/F1 (exact and token overlap) on PolNeAR."""
    from counterpoint.eval.polnear import evaluate_polnear, format_report

    systems = ("counterpoint", "textacy") if baseline else ("counterpoint",)
    result = evaluate_polnear(
        data, compartments=tuple(split), out=out, systems=systems, limit=limit, progress=err.is_terminal
    )
    sys.stdout.write(format_report(result) + "\n")


StanceVariant = Annotated[
    Optional[str],
    typer.Option("--variant", help="Stance model variant: lexical (default; measured better on held-out stories) or embeddings."),
]
StanceModelDir = Annotated[Optional[Path], typer.Option("--model", help="Stance model folder (default: the packaged one).")]
EmbeddingCache = Annotated[Optional[Path], typer.Option("--embedding-cache", help="Embeddings variant: an .npz cache of sentence embeddings by text hash, read and extended (e.g. .cache/stance/embeddings.npz, the trainer's).")]


@eval_app.command("fnc1")
def eval_fnc1(
    data: DataDir,
    out: Annotated[Optional[Path], typer.Option("--out", help="Write predictions (Headline,Body ID,Stance) here.")] = None,
    variant: StanceVariant = None,
    model: StanceModelDir = None,
    include_seen: Annotated[bool, typer.Option(help="Also score rows whose texts the model trained on.")] = False,
    embedding_cache: EmbeddingCache = None,
    baseline: Annotated[bool, typer.Option(
        help="Score a plain TF-IDF + logistic regression baseline on the same split instead (a yardstick).")] = False,
    conventions: Annotated[Optional[Path], typer.Option(
        "--conventions", help="Score the baseline under three ways of holding FNC-1 out (Body ID; story, pairs "
        "follow the headline; story, both sides) with this story_clusters_fnc1 folder, to calibrate quoted figures.")] = None,
) -> None:
    """Stance (agree/disagree/discuss/unrelated) on FNC-1: relative score, accuracy, per-class F1."""
    from counterpoint.eval.fnc1 import evaluate_fnc1, format_report

    if conventions is not None:
        from counterpoint.eval.fnc1_baseline import split_conventions

        for row in split_conventions(data, conventions / "documents.csv"):
            sys.stdout.write(" ".join(f"{k}={v}" for k, v in row.items()) + "\n")
        return
    if baseline:
        from counterpoint.eval.fnc1_baseline import evaluate_baseline

        result = evaluate_baseline(data, model_dir=model)
        err.print(f"baseline: trained on {result['train_rows']} rows the model saw, scored {result['scored']}",
                  highlight=False)
        sys.stdout.write(format_report(result) + "\n")
        return
    result = evaluate_fnc1(data, out=out, model_dir=model, variant=variant, include_seen=include_seen,
                           embedding_cache=embedding_cache)
    err.print(f"stance variant {result['variant']}: scored {result['scored']} rows, "
              f"excluded {result['excluded_seen']} rows the model saw in training", highlight=False)
    sys.stdout.write(format_report(result) + "\n")


@eval_app.command("emergent")
def eval_emergent(
    data: DataDir,
    out: Annotated[Optional[Path], typer.Option("--out", help="Write predictions (id,articleHeadlineStance) here.")] = None,
    variant: StanceVariant = None,
    model: StanceModelDir = None,
    include_seen: Annotated[bool, typer.Option(help="Also score rows whose texts the model trained on.")] = False,
    head: Annotated[Optional[Path], typer.Option("--head", help="Headline stance head folder (default: the packaged one, with the packaged model).")] = None,
    use_head: Annotated[bool, typer.Option("--use-head/--no-head", help="Score with the headline stance head (else the stance model alone).")] = True,
    embedding_cache: EmbeddingCache = None,
) -> None:
    """Headline stance (for/against/observing) on Emergent: accuracy, macro-F1."""
    from counterpoint.eval.emergent import evaluate_emergent, format_report

    result = evaluate_emergent(data, out=out, model_dir=model, variant=variant, include_seen=include_seen,
                               head_dir=head, use_head=use_head, embedding_cache=embedding_cache)
    err.print(f"stance {result['scorer']} ({result['variant']}): scored {result['scored']} rows, "
              f"excluded {result['excluded_seen']} rows the model saw in training", highlight=False)
    sys.stdout.write(format_report(result) + "\n")


@train_app.command("headline-stance")
def train_headline_stance(
    data: Annotated[Path, typer.Argument(help="Folder holding emergent/ (and story_clusters_fnc1/ for the fallback split).")],
    out: Annotated[Optional[Path], typer.Option("--out", help="Where to write the head and its card (default: the packaged stance folder).")] = None,
    seed: Annotated[int, typer.Option(help="Random seed (folds).")] = 0,
    model: Annotated[Optional[Path], typer.Option("--model", help="The stance model whose training claims the head trains on (default: the packaged one).")] = None,
) -> None:
    """Train the headline stance head on Emergent training claims (after `train stance`; needs the `train` extra)."""
    import logging

    from counterpoint.train.headline_stance import train_headline_stance as train

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s", stream=sys.stderr)
    meta = train(data, out, seed=seed, model_dir=model)
    sys.stdout.write(json.dumps({k: meta.get(k) for k in ("chosen", "train", "held_out", "held_out_figures",
                                                          "training_seconds")}, indent=2, default=str) + "\n")


@train_app.command("stance")
def train_stance(
    data: Annotated[Path, typer.Argument(help="Folder holding fnc1/, emergent/ and story_clusters_fnc1/.")],
    out: Annotated[Optional[Path], typer.Option("--out", help="Where to write weights and model card (default: the packaged model folder).")] = None,
    seed: Annotated[int, typer.Option(help="Random seed (split and trees).")] = 0,
    embeddings: Annotated[Optional[bool], typer.Option("--embeddings/--no-embeddings", help="Train the embeddings variant too (default: when installed).")] = None,
) -> None:
    """Train the stance model on FNC-1 + Emergent, split by story (needs the `train` extra)."""
    import logging

    from counterpoint.train.stance import train_stance as train

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s", stream=sys.stderr)
    result = train(data, out, seed=seed, embeddings=embeddings)
    sys.stdout.write(json.dumps(result.get("figures", {}), indent=2, default=str) + "\n")


@train_app.command("attribution")
def train_attribution(
    data: DataDir,
    out: Annotated[Optional[Path], typer.Option("--out", help="Where to write weights and model card (default: the packaged model folder).")] = None,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
    max_iterations: Annotated[int, typer.Option(help="L-BFGS iterations.")] = 100,
    c1: Annotated[Optional[float], typer.Option(help="L1 weight (with --c2: no grid search).")] = None,
    c2: Annotated[Optional[float], typer.Option(help="L2 weight (with --c1: no grid search).")] = None,
) -> None:
    """Train the attribution tagger on PolNeAR's train compartment (needs the `train` extra)."""
    from counterpoint.train.attribution import MODEL_DIR, train_attribution as train

    result = train(data, out or MODEL_DIR, seed=seed, max_iterations=max_iterations, c1=c1, c2=c2,
                   progress=err.is_terminal)
    sys.stdout.write(json.dumps(result, indent=2, default=str) + "\n")


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the app, turning library errors into one line and an exit code."""
    try:
        rc = app(args=argv, standalone_mode=False)
    except typer.Exit as exc:
        return exc.exit_code
    except SystemExit as exc:  # click usage errors in non-standalone mode
        return int(exc.code or 0)
    except CounterpointError as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        return EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 - the CLI edge: never a traceback
        import click

        if isinstance(exc, click.exceptions.ClickException):
            exc.show()
            return EXIT_ERROR
        if isinstance(exc, click.exceptions.Abort):
            return EXIT_ERROR
        if os.environ.get("COUNTERPOINT_DEBUG"):
            raise
        err.print(f"[red]internal error:[/] {type(exc).__name__}: {exc} (set COUNTERPOINT_DEBUG=1 for details)", highlight=False)
        return EXIT_ERROR
    return rc if isinstance(rc, int) else EXIT_OK


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
