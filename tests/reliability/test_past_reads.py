"""Reads of many past releases at once answer right and stay out of the others' way (the
probe: 40 clients asking ``recorded_at`` of releases not kept copied the database per request
under one lock, and ``/v1/meta``'s p50 went from 26 ms to 1.5 s)."""

from __future__ import annotations

import multiprocessing
import statistics
import threading
import time
from itertools import cycle

import httpx
from sqlmodel import Session

from app.auth.keys import create_key
from app.core.db import build_engine
from tests.conftest import Databases
from tests.servers import serve

RELEASES = 50
CLIENTS = 40  # asking of past releases at once, each time another release (as the probe)


def others_p50(client: httpx.Client, rounds: int) -> float:
    """The p50 of the questions of clients who ask of the present (seconds)."""
    took = []
    for day in range(rounds):
        began = time.monotonic()
        for response in (
            client.get("/healthz"),
            client.get("/v1/meta"),
            client.get(
                "/v1/organizations/nato/members", params={"at": f"1990-01-{day % 28 + 1:02d}"}
            ),
        ):
            assert response.status_code == 200, response.text
        took.append(time.monotonic() - began)
    return statistics.median(took)


def ask_the_past(
    base: str,
    made: list[tuple[int, str]],
    going: threading.Event,
    stop: threading.Event,
    results: multiprocessing.Queue[tuple[int, list[str]]],
) -> None:
    """``CLIENTS`` clients asking, until ``stop``, whether each source existed at the moment
        of each release (it did from its own); sets ``going`` once every client was answered,
    and puts how many were asked and what was wrong."""
    questions = cycle(
        (source, moment, made.index((source, made_at)) <= later)
        for later, (_, moment) in enumerate(made)
        for (source, made_at) in made[::7]
    )
    lock = threading.Lock()
    asked = [0]
    wrong: list[str] = []

    def client() -> None:
        with httpx.Client(base_url=base, timeout=120) as past:
            while not stop.is_set():
                with lock:
                    source, moment, exists = next(questions)
                answer = past.get(f"/v1/sources/{source}", params={"recorded_at": moment})
                with lock:
                    asked[0] += 1
                    if asked[0] == CLIENTS:
                        going.set()
                    if answer.status_code != (200 if exists else 404):
                        wrong.append(f"source {source} at {moment}: {answer.status_code}")

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.put((asked[0], wrong))


def test_reads_of_50_past_releases_answer_right_beside_the_others(
    databases: Databases, seeded_template: str
) -> None:
    url = databases.new(template=seeded_template)
    engine = build_engine(url)
    with Session(engine) as session:
        key = create_key(session, name="probe", scopes=["write"])
    engine.dispose()
    with serve(url) as served, httpx.Client(base_url=served.base, timeout=60) as client:
        made: list[tuple[int, str]] = []  # (source id, the moment its release was made)
        for n in range(RELEASES):
            created = client.post(
                "/v1/sources",
                json={
                    "title": f"Probe source {n}",
                    "citation": "A probe of past reads.",
                    "accessed": "2026-12-08",
                    "reason": "probe",
                },
                headers={"Authorization": f"Bearer {key}"},
            )
            assert created.status_code == 201, created.text
            made.append((created.json()["id"], client.get("/v1/meta").json()["released_at"]))
        idle = others_p50(client, 40)

        # the storm runs in its own process: its threads do not slow this one's client
        context = multiprocessing.get_context("spawn")
        results: multiprocessing.Queue[tuple[int, list[str]]] = context.Queue()
        going, stop = context.Event(), context.Event()
        storm = context.Process(target=ask_the_past, args=(served.base, made, going, stop, results))
        storm.start()
        try:
            assert going.wait(timeout=180), "the past reads were not answered"
            loaded = others_p50(client, 40)
        finally:
            stop.set()
            asked, wrong = results.get(timeout=180)
            storm.join(timeout=60)
        assert wrong == []
        print(
            f"p50 of present reads: idle {idle * 1000:.1f} ms, beside {CLIENTS} clients asking "
            f"{RELEASES} past releases {loaded * 1000:.1f} ms ({loaded / idle:.2f}x); "
            f"{asked} past reads answered"
        )
