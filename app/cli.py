"""The ``foedus`` command: serve, migrate, seed."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
import uvicorn
from rich.progress import Progress
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from app.auth.cli import keys_cli
from app.backup import service as backup
from app.core import migrations, server
from app.core.db import build_engine
from app.core.errors import FoedusError as FoedusProblem
from app.core.errors import NotFound
from app.core.faults import damage, reason_of
from app.core.settings import get_settings
from app.core.startup import StartupError, prepare_database, unreachable
from app.datasets.formats import FORMATS
from app.datasets.importer import ImportFailed, import_file
from app.datasets.reconcile import reconcile as reconcile_organization
from app.exports.cli import export_lines
from app.exports.formats import Format
from app.offline import Foedus
from app.organizations.service import resolve_organization
from app.seeding.check import database_violations
from app.seeding.loader import SeedError, check_folder, load_seed

cli = typer.Typer(
    help="Foedus: time-aware facts about alliances.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


@cli.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Interface to bind.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
) -> None:
    """Prepare the database (SQLite: migrate, seed if empty) and serve the API."""
    settings = get_settings()
    engine = build_engine(settings.database_url)
    try:
        prepared = prepare_database(engine, settings)  # the app's lifespan finds nothing to do
    except StartupError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(code=1) from exc
    finally:
        engine.dispose()
    if prepared.seeded is not None:
        report = prepared.seeded
        typer.echo(
            f"seeded: {report.organizations} organizations, "
            f"{report.memberships} memberships, {report.events} events, "
            f"{report.sources} sources"
        )
    uvicorn.run(
        "app.main:app",
        host=host or settings.host,
        port=port or settings.port,
        workers=workers,
        **server.uvicorn_options(settings),
    )


@cli.command()
def migrate(revision: Annotated[str, typer.Argument(help="Target revision.")] = "head") -> None:
    """Upgrade the database schema (Alembic) to REVISION."""
    settings = get_settings()
    engine = build_engine(settings.database_url)
    try:
        migrations.upgrade(engine, settings, revision)
    finally:
        engine.dispose()
    typer.echo(f"database at {revision}")


@cli.command()
def seed(
    seed_dir: Annotated[Path | None, typer.Option(help="Folder of seed files.")] = None,
) -> None:
    """Load (or reload) the curated seed files; all or nothing."""
    settings = get_settings()
    if seed_dir is not None:
        settings = settings.model_copy(update={"seed_dir": seed_dir})
    engine = build_engine(settings.database_url)
    try:
        migrations.upgrade(engine, settings)
        with Session(engine) as session:
            report = load_seed(session, settings.seed_dir)
    except SeedError as exc:
        typer.echo(f"seed rejected: {exc}", err=True)
        raise typer.Exit(code=1) from exc
    finally:
        engine.dispose()
    typer.echo(
        f"loaded: {report.organizations} organizations, {report.states} states, "
        f"{report.memberships} memberships, {report.events} events, "
        f"{report.sources} sources"
    )


@cli.command("import")
def import_dataset(
    kind: Annotated[str, typer.Argument(help=f"One of: {', '.join(sorted(FORMATS))}.")],
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="The file.")],
    on_error: Annotated[str, typer.Option(help="On a bad row: abort (default) or skip.")] = "abort",
) -> None:
    """Import a research dataset file (COW, ATOP) into its own dataset, apart from curated facts."""
    if on_error not in ("abort", "skip"):
        raise typer.BadParameter("abort or skip", param_hint="--on-error")
    settings = get_settings()
    engine = build_engine(settings.database_url)
    try:
        migrations.upgrade(engine, settings)
        lines = sum(1 for _ in path.open(encoding="utf-8", errors="replace"))
        with (
            Session(engine) as session,
            Progress(transient=True, disable=not sys.stdout.isatty()) as bar,
        ):
            task = bar.add_task(f"importing {path.name}", total=lines)
            report = import_file(
                session,
                kind=kind,
                path=path,
                on_error="skip" if on_error == "skip" else "abort",
                progress=lambda line: bar.update(task, completed=line),
            )
    except ImportFailed as exc:
        typer.echo(f"import aborted, nothing written: {exc}", err=True)
        raise typer.Exit(code=1) from exc
    finally:
        engine.dispose()
    for row in report.skipped:
        typer.echo(f"skipped {path.name}: line {row.line}: {row.message}", err=True)
    state = "unchanged" if report.unchanged else "imported"
    typer.echo(
        f"{report.dataset}: {state}, {report.records} records, {len(report.skipped)} rows skipped"
    )


@cli.command()
def reconcile(slug: Annotated[str, typer.Argument(help="Organisation slug, e.g. csto.")]) -> None:
    """Report where the imported datasets disagree with the curated periods of SLUG."""
    settings = get_settings()
    engine = build_engine(settings.database_url)
    try:
        with Session(engine) as session:
            org = resolve_organization(session, slug=slug)
            report = reconcile_organization(session, org=org)
    except NotFound as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(code=1) from exc
    finally:
        engine.dispose()
    for comparison in report.datasets:
        if not comparison.imported:
            typer.echo(f"{comparison.dataset} ({comparison.group}): not imported")
            continue
        typer.echo(
            f"{comparison.dataset} ({comparison.group}): "
            f"{len(comparison.disagreements)} disagreement(s)"
        )
        for d in comparison.disagreements:
            who = d.state.code if d.state else f"ccode {d.ccode}"
            theirs = f"{d.dataset.start}..{d.dataset.end or ''}" if d.dataset else "-"
            ours = f"{d.foedus.start}..{d.foedus.end or ''}" if d.foedus else "-"
            why = "explained" if d.explanation else "UNEXPLAINED"
            typer.echo(f"  {who:4} {d.kind.value:18} dataset {theirs:24} foedus {ours:24} {why}")


@cli.command("check")
def check_data(
    seed_dir: Annotated[Path | None, typer.Option(help="Folder of seed files.")] = None,
) -> None:
    """Check the seed files and the database; list every violation; exit 1 if there is any."""
    settings = get_settings()
    problems = check_folder(seed_dir or settings.seed_dir)
    engine = build_engine(settings.database_url)
    try:
        with engine.connect() as connection:
            damaged = damage(connection)  # a damaged file says so before any rule is read
        if damaged is not None:
            typer.echo(damaged, err=True)
            raise typer.Exit(code=1)
        if migrations.current_revision(engine) is not None:
            with Session(engine) as session:
                problems += database_violations(session)
    finally:
        engine.dispose()
    for problem in problems:
        typer.echo(problem)
    if problems:
        typer.echo(f"{len(problems)} violation(s)", err=True)
        raise typer.Exit(code=1)
    typer.echo("no violations")


@cli.command("ask")
def ask_command(question: Annotated[str, typer.Argument(help="A question in English.")]) -> None:
    """Answer a question from the local database, offline (as GET /v1/ask)."""
    with Foedus(get_settings()) as facts:
        try:
            answer = facts.ask(question)
        except FoedusProblem as exc:
            typer.echo(exc.detail, err=True)
            for hint in exc.extra.get("suggestions") or []:
                typer.echo(f"  try: {hint}", err=True)
            raise typer.Exit(code=1) from exc
    typer.echo(answer.sentence)


@cli.command("export")
def export_command(
    what: Annotated[
        str,
        typer.Argument(
            help=(
                "A table (organizations, states, memberships, events, sources), or state-year / "
                "dyad-year with --organization."
            )
        ),
    ],
    fmt: Annotated[str, typer.Option("--format", help="csv, ndjson or json.")] = "csv",
    organization: Annotated[str | None, typer.Option(help="For state-year and dyad-year.")] = None,
    year_rule: Annotated[str, typer.Option(help="december_31, any_time or most_of_year.")] = (
        "december_31"
    ),
    output: Annotated[
        Path | None, typer.Option(help="File to write; default standard out.")
    ] = None,
) -> None:
    """Export a table or a COW-style year table (streamed)."""
    if fmt not in ("csv", "ndjson", "json"):
        raise typer.BadParameter("csv, ndjson or json", param_hint="--format")
    settings = get_settings()
    engine = build_engine(settings.database_url)
    try:
        with Session(engine) as session:
            lines = export_lines(
                session, what, Format(fmt), organization=organization, year_rule=year_rule
            )
            target = output.open("w", encoding="utf-8") if output else None
            try:
                for line in lines:
                    (target.write(line) if target else typer.echo(line, nl=False))
            finally:
                if target:
                    target.close()
    except (FoedusProblem, ValueError) as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(code=1) from exc
    finally:
        engine.dispose()


@cli.command()
def dump(output: Annotated[Path, typer.Argument(help="File to write (NDJSON).")]) -> None:
    """Back up every row (curated, imported, sources, audit; not API keys) to a file."""
    engine = build_engine(get_settings().database_url)
    try:
        with output.open("w", encoding="utf-8") as target:
            target.writelines(backup.dump(engine))
    finally:
        engine.dispose()
    typer.echo(f"dumped to {output}")


@cli.command()
def restore(source: Annotated[Path, typer.Argument(exists=True, help="A file from dump.")]) -> None:
    """Restore a dump into an empty database (migrated first), all or nothing."""
    settings = get_settings()
    engine = build_engine(settings.database_url)
    try:
        migrations.upgrade(engine, settings)
        with source.open(encoding="utf-8") as lines:
            counts = backup.restore(engine, lines)
    except backup.RestoreRefused as exc:
        typer.echo(f"restore refused: {exc}", err=True)
        raise typer.Exit(code=1) from exc
    finally:
        engine.dispose()
    typer.echo(f"restored {sum(counts.values())} rows in {len(counts)} tables")


cli.add_typer(keys_cli, name="keys")


def main() -> None:
    """The CLI; a database it cannot work on is one line on stderr and exit code 1."""
    try:
        cli()
    except SQLAlchemyError as exc:
        typer.echo(reason_of(exc) or unreachable(exc), err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
