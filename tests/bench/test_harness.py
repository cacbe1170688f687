"""The benchmark harness: the dataset it generates, the paths its scripts send, a whole run."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import sys
import threading
import uuid
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlmodel import Session, func, select

from app.core.db import build_engine
from app.memberships.rules import Candidate, violations
from app.models import AuditEntry, Membership, Organization, metadata
from app.seeding.check import database_violations, life
from app.temporal import EndStatus, FuzzyDate, Period, periods_conflict
from bench import PROJECT_ROOT, coldstart, encoding, generate, report, scenarios, servers, shape
from bench.generate import SHIPPED
from bench.load import LoadSettings, WrkResult, run_wrk
from bench.run import Options, RunResult, SizeResult, run_order

SIZE = 1000
SEED = shape.DEFAULT_SEED
WRK = shutil.which("wrk")
needs_wrk = pytest.mark.skipif(WRK is None, reason="wrk is not installed (apt-get install -y wrk)")


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bench") / "bench-1000.db"
    generate.build_sqlite(path, SIZE, SEED)
    return path


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data, seeded by the cold start's command and kept, as a run keeps it."""
    path = tmp_path_factory.mktemp("shipped") / "shipped.db"
    coldstart.measure(keep=path)
    return path


def _count(session: Session, model: type[AuditEntry]) -> int:
    return int(session.exec(select(func.count()).select_from(model)).one())


def test_generated_counts(dataset: Path) -> None:
    engine = build_engine(f"sqlite:///{dataset}")
    try:
        counts = generate.count_rows(engine)
        with Session(engine) as session:
            audit = _count(session, AuditEntry)
    finally:
        engine.dispose()
    assert counts.memberships == SIZE
    assert counts.organizations == 10
    assert counts.states == 300
    assert counts.releases == 1
    assert counts.sources == 10
    assert audit == 0  # the bulk path skips the per-row audit by design


def _periods(session: Session) -> list[tuple[Membership, Period]]:
    rows = session.exec(select(Membership)).all()
    return [
        (
            m,
            Period(
                FuzzyDate.parse(m.start_date),
                FuzzyDate.parse(m.end_date) if m.end_date else None,
                EndStatus(m.end_status),
            ),
        )
        for m in rows
    ]


def test_generated_periods_obey_the_rules(dataset: Path) -> None:
    engine = build_engine(f"sqlite:///{dataset}")
    try:
        with Session(engine) as session:
            periods = _periods(session)
            orgs = session.exec(select(Organization)).all()
            uncited = database_violations(session)
    finally:
        engine.dispose()
    groups: dict[tuple[int, int, str], list[Period]] = defaultdict(list)
    for m, period in periods:
        groups[(m.organization_id, m.state_id, m.role)].append(period)
        if m.end_status == "closed":
            assert period.end is not None
            assert period.start.latest < period.end.earliest, m
    for key, group in groups.items():
        assert sum(p.end_status is EndStatus.OPEN for p in group) <= 1, key
        for i, a in enumerate(group):
            assert not any(periods_conflict(a, b) for b in group[i + 1 :]), key
    lives = {o.id: life(o.founded, o.dissolved) for o in orgs}
    candidates = [
        Candidate(f"membership {m.id}", str(m.organization_id), str(m.state_id), m.role, p)
        for m, p in periods
    ]
    org_lives = {str(k): v for k, v in lives.items()}
    assert violations(candidates, state_lives={}, organization_lives=org_lives) == []
    assert uncited == []


def test_generated_shape_roughly_as_documented(dataset: Path) -> None:
    engine = build_engine(f"sqlite:///{dataset}")
    try:
        with Session(engine) as session:
            periods = _periods(session)
    finally:
        engine.dispose()
    statuses = [m.end_status for m, _ in periods]
    bounds = [m.start_date for m, _ in periods] + [m.end_date for m, _ in periods if m.end_date]
    assert 0.2 < statuses.count("open") / SIZE < 0.4
    assert 0.01 < statuses.count("unknown") / SIZE < 0.1
    assert 0.1 < sum(len(b) < 10 for b in bounds) / len(bounds) < 0.3
    assert {m.role for m, _ in periods} == {"member", "observer", "associate_member"}


def test_generation_is_deterministic() -> None:
    assert list(shape.dataset_rows(SIZE, SEED)) == list(shape.dataset_rows(SIZE, SEED))
    assert list(shape.dataset_rows(SIZE, SEED)) != list(shape.dataset_rows(SIZE, SEED + 1))


def test_foedus_answers_each_first_path(dataset: Path, tmp_path: Path) -> None:
    items = scenarios.build(
        scenarios.SCENARIOS,
        seed=SEED,
        orgs=shape.organization_slugs(10),
        codes=shape.state_codes(),
    )
    with servers.serving(
        servers.FOEDUS_APP,
        workers=1,
        log=tmp_path / "foedus.log",
        ready="/healthz",
        env={"FOEDUS_DATABASE_URL": f"sqlite:///{dataset}"},
    ) as server:
        first = next(s for s in items if s.name == "random").first_path
        response = httpx.get(server.base_url + first, timeout=30)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("application/json")
        assert isinstance(response.json()["members"], list)
        for scenario in items:
            assert httpx.get(server.base_url + scenario.first_path, timeout=30).status_code == 200
        assert servers.rss_mb(server.pid) > 10


class _Recorder(BaseHTTPRequestHandler):
    """Answers 200 to every GET and hands its path to ``record`` (set by the fixture)."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def record(self, path: str) -> None:
        raise NotImplementedError

    def do_GET(self) -> None:
        self.record(self.path)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture
def recorder() -> Iterator[tuple[str, list[str]]]:
    paths: list[str] = []

    class Handler(_Recorder):
        def record(self, path: str) -> None:
            paths.append(path)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", paths
    finally:
        server.shutdown()
        server.server_close()


@needs_wrk
@pytest.mark.parametrize("name", ["random", "state", "throughout"])
def test_scripts_send_the_first_path_then_random_valid_ones(
    name: str, recorder: tuple[str, list[str]], tmp_path: Path
) -> None:
    url, paths = recorder
    orgs, codes = shape.organization_slugs(10), shape.state_codes()
    (scenario,) = scenarios.build([name], seed=SEED, orgs=orgs, codes=codes)
    result = run_wrk(url, scenario, LoadSettings(1, 1, 1), tmp_path, duration=1)
    assert result.requests > 50
    assert result.errors == 0
    assert paths[0] == scenario.first_path
    assert all(a != b for a, b in itertools.pairwise(paths))
    for path in paths:
        parts = urlsplit(path)
        query = parse_qs(parts.query)
        segment = parts.path.split("/")[3]
        assert segment in (codes if name == "state" else orgs)
        if "at" in query:
            assert scenarios.FIRST_DAY <= date.fromisoformat(query["at"][0]) <= scenarios.LAST_DAY
        else:
            assert scenarios.FIRST_YEAR <= int(query["during"][0]) <= scenarios.LAST_YEAR
            assert query["mode"] == ["throughout"]


@needs_wrk
def test_whole_harness_run(tmp_path: Path) -> None:
    # 8 connections, not 32: the harness is under test here, not the app's behaviour under load.
    command = [
        sys.executable, "-m", "bench", "--sizes", "shipped,1000", "--duration", "1",
        "--warmup", "1", "--scenarios", "fixed,state", "--connections", "8",
        "--out", str(tmp_path / "out"), "--data-dir", str(tmp_path / "data"),
    ]  # fmt: skip
    done = subprocess.run(
        command, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=240, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "TARGETS" in done.stdout
    results = json.loads((tmp_path / "out" / "latest.json").read_text())
    assert len(list((tmp_path / "out").glob("*.json"))) == 2
    shipped, synthetic = results["sizes"]
    assert (shipped["size"], synthetic["size"]) == ("shipped", 1000)
    assert synthetic["memberships"] == 1000
    assert shipped["dataset"]["counts"]["organizations"] > 10  # the seed's, not a synthetic 10
    assert shipped["scenarios"]["fixed"]["first_path"] == scenarios.SHIPPED_FIXED_PATH
    assert synthetic["scenarios"]["fixed"]["first_path"] == scenarios.FIXED_PATH
    for size in (shipped, synthetic):
        assert set(size["scenarios"]) == {"fixed", "state"}
        for load in size["scenarios"].values():
            assert load["requests"] > 0
            assert load["errors"] == 0
        assert size["rss_mb"] > 10
    assert [r["requests"] > 0 for r in results["baseline"]["runs"]] == [True, True]
    assert results["cold_start"]["seconds"] > 0
    status = {t["name"]: t["status"] for t in results["targets"]}
    assert status["fixed req/s vs baseline on the shipped data"] in ("PASS", "FAIL")
    assert status["state req/s vs baseline on the shipped data"] in ("PASS", "FAIL")
    assert status["random req/s vs baseline on the shipped data"] == "SKIP"
    assert status["RSS at 1,000,000 memberships"] == "SKIP"


def _load(rps: float) -> WrkResult:
    return WrkResult(int(rps * 10), 10_000_000, 0, 0, 0, 0, 0, 0, 1000.0, 2000.0, 1000.0, 3000.0)


def _size(size: generate.Size, rps: dict[str, float], rss: float = 100.0) -> SizeResult:
    shipped = size == SHIPPED
    n = 581 if shipped else int(size)
    counts = generate.Counts(33 if shipped else 10, 300, n, 0, 0, 0, 0, 1)
    data = generate.Dataset(n, 1, "sqlite://", "sqlite", True, 0.0, 0, counts, (), (), shipped)
    return SizeResult(data, {name: _load(r) for name, r in rps.items()}, rss, {})


def test_the_targets_are_the_issues() -> None:
    """Each target, its limit, and the size it is read at; SKIP when not measured."""
    options = Options((), (), LoadSettings(1, 32, 10), 1, 1, 2, None, False, Path())
    result = RunResult(options, coldstart.ColdStart(2.5, 100.0, ""), [_load(1000), _load(1000)])
    result.sizes = [
        _size(SHIPPED, {"fixed": 2000, "random": 599, "state": 500, "mix": 900, "ask": 500}),
        _size(1_000, {"state": 100, "mix": 1000}),
        _size(1_000_000, {"state": 300, "mix": 750}, rss=299.0),
    ]
    found = {t.name: (t.status, t.measured, t.limit) for t in report.targets(result)}
    assert found == {
        "fixed req/s vs baseline on the shipped data": ("PASS", "2x", ">=2x"),
        "random req/s vs baseline on the shipped data": ("FAIL", "0.599x", ">=0.6x"),
        "state req/s vs baseline on the shipped data": ("PASS", "0.5x", ">=0.5x"),
        "state req/s vs baseline at 1,000,000 memberships": ("PASS", "0.3x", ">=0.3x"),
        "ask req/s vs baseline on the shipped data": ("PASS", "0.5x", ">=0.5x"),
        "mix req/s at 1,000,000 memberships vs at 1,000": ("PASS", "0.75x", ">=0.75x"),
        "RSS at 1,000,000 memberships": ("PASS", "299 MB", "<300 MB"),
        "cold start (migrate + seed)": ("PASS", "2.5 s", "<3 s"),
    }
    assert report.scaling(result)["mix"] == pytest.approx(0.75)  # the shipped data left out
    result.sizes = result.sizes[:1]
    skipped = [t.name for t in report.targets(result) if t.status == "SKIP"]
    assert len(skipped) == 3
    assert all("1,000,000" in name for name in skipped)


def test_sizes_on_the_command_line() -> None:
    from bench.cli import DEFAULT_SIZES, parser

    assert parser().parse_args([]).sizes == (SHIPPED, 1000, 100_000, 1_000_000)
    assert DEFAULT_SIZES.startswith("shipped,")
    assert parser().parse_args([]).connections == 32
    assert parser().parse_args(["--sizes", "1_000,shipped"]).sizes == (1000, SHIPPED)
    for wrong in ("shiped", "0", "1000,1000"):
        with pytest.raises(SystemExit):
            parser().parse_args(["--sizes", wrong])


def test_the_shipped_data_as_a_dataset(shipped: Path) -> None:
    data = generate.shipped_sqlite(shipped, 1.0)
    assert data.shipped
    assert data.label == "shipped"
    assert "csto" in data.slugs
    assert list(data.slugs) == sorted(data.slugs)
    assert len(data.codes) == data.counts.states > 100
    assert data.counts.memberships == data.memberships > 100
    items = scenarios.build(
        scenarios.SCENARIOS,
        seed=SEED,
        orgs=data.slugs,
        codes=data.codes,
        fixed=scenarios.SHIPPED_FIXED_PATH,
    )
    first = {s.name: s.first_path for s in items}
    assert first["fixed"] == scenarios.SHIPPED_FIXED_PATH
    assert urlsplit(first["random"]).path.split("/")[3] in data.slugs
    assert urlsplit(first["state"]).path.split("/")[3] in data.codes
    mix = next(s for s in items if s.name == "mix")
    assert f"FIXED = {json.dumps(scenarios.SHIPPED_FIXED_PATH)}" in mix.script


def test_encoding_on_a_tiny_run(shipped: Path) -> None:
    command = [
        sys.executable, "-m", "bench.encoding", "--repeat", "1", "--number", "1",
        "--database-url", f"sqlite:///{shipped}",
    ]  # fmt: skip
    done = subprocess.run(
        command, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr + done.stdout
    assert "csto: GET /v1/organizations/csto/members?at=1995-06-01: 9 members" in done.stdout
    assert "DIFFERS" not in done.stdout
    encoders, skipped = encoding.available(encoding.ENCODERS)
    for encoder in skipped:
        assert f"SKIP  {encoder.name}: {encoder.package} is not installed" in done.stdout
    csto, page = answers = encoding.build_answers(f"sqlite:///{shipped}")
    assert len(csto.model.model_dump()["members"]) == 9
    assert len(page.model.model_dump()["memberships"]) == encoding.PAGE
    timings = encoding.measure(answers, encoders, repeat=1, number=1)
    assert len(timings) == len(answers) * len(encoders)
    assert all(t.same is not False and t.seconds > 0 for t in timings)


def test_an_encoder_not_installed_is_skipped() -> None:
    missing = encoding.Encoder("nothing", encoding._pydantic, "", "no_such_package_here")
    found, skipped = encoding.available([encoding.ENCODERS[0], missing])
    assert found == [encoding.ENCODERS[0]]
    assert skipped == [missing]


@pytest.mark.skipif(
    not os.environ.get("FOEDUS_TEST_DATABASE_URL"), reason="FOEDUS_TEST_DATABASE_URL is not set"
)
def test_postgresql_load_and_wipe() -> None:
    admin_url = os.environ["FOEDUS_TEST_DATABASE_URL"]
    name = f"foedus_bench_{uuid.uuid4().hex[:12]}"
    admin = build_engine(admin_url).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    try:
        loaded = generate.postgresql_dataset(url, SIZE, SEED)
        assert loaded.counts.memberships == SIZE
        assert loaded.counts.releases == 1
        again = generate.postgresql_dataset(url, SIZE, SEED)  # wipes, then loads the same
        assert again.counts == loaded.counts
        engine = build_engine(url)
        try:
            with engine.connect() as connection:  # sequences moved past the explicit ids
                table = metadata.tables["source"]
                new_id = connection.execute(
                    table.insert().values(key="k", title="t", url="https://x", accessed="2026")
                ).inserted_primary_key
                assert new_id is not None
                assert new_id[0] == 11
                connection.rollback()
        finally:
            engine.dispose()
        generate.wipe_postgresql(url)
        probe = build_engine(url)
        try:
            with probe.connect() as connection:
                tables = connection.execute(
                    text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
                ).scalar_one()
        finally:
            probe.dispose()
        assert tables == 0
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


def test_the_spread_is_the_five_questions_in_equal_shares() -> None:
    """Serving 1 request of each of five loads at 100, 300, 300, 300 and 300 req/s takes
    1/100 + 4/300 s: 5 / (7/300) req/s together; with one missing or stalled it is 0."""
    from types import SimpleNamespace

    from bench.report import spread_rps

    rates = dict(zip(scenarios.KINDS, [100.0, 300.0, 300.0, 300.0, 300.0], strict=True))
    size = SimpleNamespace(
        scenarios={name: SimpleNamespace(rps=rate) for name, rate in rates.items()}
        | {"mix": SimpleNamespace(rps=1.0)}  # not one of the five: left out
    )
    assert spread_rps(size) == pytest.approx(5 / (7 / 300))  # type: ignore[arg-type]
    size.scenarios["state"] = SimpleNamespace(rps=0.0)  # a load in which nothing completed
    assert spread_rps(size) == 0.0  # type: ignore[arg-type]
    del size.scenarios["state"]
    assert spread_rps(size) == 0.0  # type: ignore[arg-type]


def test_the_mix_is_loaded_first() -> None:
    items = scenarios.build(scenarios.SCENARIOS, seed=1, orgs=["org-00001"], codes=["AAA"])
    order = [s.name for s in run_order(items)]
    assert order == ["mix", *(n for n in scenarios.SCENARIOS if n != "mix")]
    assert [s.name for s in run_order(items[:2])] == ["fixed", "random"]


def test_the_mix_asks_the_same_at_every_size() -> None:
    """The mix's script, hence its request stream, is the same for 10 and for 10,000
    organisations: it asks only about the ten every dataset holds."""
    codes = shape.state_codes()
    small, large = (
        scenarios.build(["mix"], seed=SEED, orgs=shape.organization_slugs(n), codes=codes)[0]
        for n in (10, 10_000)
    )
    assert small == large
    assert "org-00011" not in large.script


@needs_wrk
@pytest.mark.parametrize("kinds", [scenarios.KINDS, ("fixed", "random", "timeline", "throughout")])
def test_the_mix_sends_its_questions_equally_often(
    kinds: tuple[str, ...], recorder: tuple[str, list[str]], tmp_path: Path
) -> None:
    url, paths = recorder
    orgs, codes = shape.organization_slugs(100), shape.state_codes()
    (scenario,) = scenarios.build(["mix"], seed=SEED, orgs=orgs, codes=codes, mix=kinds)
    run_wrk(url, scenario, LoadSettings(1, 1, 1), tmp_path, duration=1)
    counts: dict[str, int] = defaultdict(int)
    for path in paths[1:]:
        parts = urlsplit(path)
        query = parse_qs(parts.query)
        if parts.path.startswith("/v1/states/"):
            counts["state"] += 1
            assert parts.path.split("/")[3] in codes
            continue
        assert parts.path.split("/")[3] in orgs[: scenarios.SHARED_ORGS]
        if parts.path.endswith("/timeline"):
            counts["timeline"] += 1
        elif "during" in query:
            counts["throughout"] += 1
        elif path == scenarios.FIXED_PATH:
            counts["fixed"] += 1
        else:
            counts["random"] += 1
    assert set(counts) == set(kinds)
    for count in counts.values():  # each as often, give or take
        assert abs(count / (len(paths) - 1) - 1 / len(kinds)) < 0.05, counts


@pytest.mark.parametrize("loop", servers.LOOPS)
def test_both_servers_run_on_the_loop_asked_for(loop: str) -> None:
    from bench.cli import options_from, parser

    options = options_from(parser().parse_args(["--loop", loop]))
    command = servers.uvicorn_command(servers.FOEDUS_APP, port=1, workers=1, loop=options.loop)
    assert command[command.index("--loop") + 1] == loop
    with pytest.raises(SystemExit):
        parser().parse_args(["--loop", "trio"])
