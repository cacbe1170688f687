"""Importing the research files: full files with exact counts, idempotence, bad rows."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session

from app.core.db import build_engine
from app.datasets.importer import ImportFailed, import_file
from tests.conftest import DATASET_FILES, SHARED_DATA, Databases

pytestmark = pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="shared research data absent")


def data_rows(path: Path) -> int:
    with path.open(newline="", encoding="utf-8") as handle:
        return sum(1 for _ in csv.DictReader(handle))


def table(url: str, sql: str) -> list[tuple[object, ...]]:
    engine = build_engine(url)
    try:
        with engine.connect() as connection:
            return [tuple(r) for r in connection.execute(text(sql))]
    finally:
        engine.dispose()


def load(url: str, kind: str, path: Path, on_error: str = "abort") -> tuple[int, bool, list[int]]:
    engine = build_engine(url)
    try:
        with Session(engine) as session:
            report = import_file(
                session, kind=kind, path=path, on_error="skip" if on_error == "skip" else "abort"
            )
    finally:
        engine.dispose()
    return report.records, report.unchanged, [e.line for e in report.skipped]


def test_the_full_files_load_with_exact_counts(imported_template: str) -> None:
    counts = dict(table(imported_template, "SELECT key, rows FROM dataset"))
    stored = dict(
        table(
            imported_template,
            "SELECT d.key, COUNT(*) FROM dataset_record r "
            "JOIN dataset d ON d.id = r.dataset_id GROUP BY d.key",
        )
    )
    expected_rows = {k: data_rows(p) for k, p in DATASET_FILES.items() if k != "cow-igo-v3"}
    # COW IGO is yearly: runs of years with one status become spells, 18,927 of them.
    assert counts == stored == {**expected_rows, "cow-igo-v3": 18927}
    assert expected_rows == {"cow-alliance-v4.1": 1221, "atop-4.01": 2398, "cow-states-2016": 243}


def test_reimporting_the_same_file_changes_nothing(
    databases: Databases, imported_template: str
) -> None:
    url = databases.new(template=imported_template)
    before = table(url, "SELECT * FROM dataset_record ORDER BY id")
    datasets = table(url, "SELECT * FROM dataset ORDER BY id")
    assert load(url, "atop-4.01", DATASET_FILES["atop-4.01"]) == (2398, True, [])
    assert table(url, "SELECT * FROM dataset_record ORDER BY id") == before
    assert table(url, "SELECT * FROM dataset ORDER BY id") == datasets


def broken_atop(tmp_path: Path) -> Path:
    path = tmp_path / "atop.csv"
    shutil.copyfile(DATASET_FILES["atop-4.01"], path)
    lines = path.read_text().splitlines(keepends=True)
    fields = lines[9].split(",")
    fields[3] = "not-a-code"  # the member's ccode
    lines[9] = ",".join(fields)
    path.write_text("".join(lines))
    return path


def test_a_bad_row_aborts_and_writes_nothing(empty_url: str, tmp_path: Path) -> None:
    with pytest.raises(ImportFailed) as error:
        load(empty_url, "atop-4.01", broken_atop(tmp_path))
    assert str(error.value).startswith("atop.csv: line 10: cannot read the row:")
    assert table(empty_url, "SELECT COUNT(*) FROM dataset_record") == [(0,)]
    assert table(empty_url, "SELECT COUNT(*) FROM dataset") == [(0,)]


def test_a_bad_row_can_be_skipped_and_is_reported(empty_url: str, tmp_path: Path) -> None:
    assert load(empty_url, "atop-4.01", broken_atop(tmp_path), "skip") == (2397, False, [10])
    assert table(empty_url, "SELECT COUNT(*) FROM dataset_record") == [(2397,)]


def test_an_unknown_format_is_refused(empty_url: str) -> None:
    with pytest.raises(ImportFailed, match="unknown format 'cow-wars'"):
        load(empty_url, "cow-wars", DATASET_FILES["atop-4.01"])
