"""Releases become visible in the order of their ids: a writer's release waits for the one
before it to commit, so that a reader who sees release N sees every release before it (the
answers kept per release and the index's rebuilds go by the latest id)."""

from __future__ import annotations

import threading
import time

from sqlalchemy import event, text
from sqlmodel import Session

from app.audit.recorder import audited
from app.core.db import build_engine
from app.models import Source

WAITING = text(
    "SELECT count(*) FROM pg_stat_activity "
    "WHERE wait_event_type = 'Lock' AND wait_event = 'advisory'"
)


def test_a_release_waits_for_the_one_before_it_to_commit(seeded_url: str) -> None:
    engine = build_engine(seeded_url)
    inside, go = threading.Event(), threading.Event()

    def write(name: str, source_id: int, hold: bool) -> None:
        with audited(Session(engine), actor=name) as session:
            if hold:  # runs after the recorder has written the release, before the commit

                @event.listens_for(session, "before_commit")
                def held(_session: Session) -> None:
                    inside.set()
                    go.wait(30)

            source = session.get(Source, source_id)
            assert source is not None
            source.publisher = f"edited by {name}"
            session.commit()

    with engine.connect() as connection:
        first, second = connection.execute(text("SELECT id FROM source ORDER BY id LIMIT 2"))
    one = threading.Thread(target=write, args=("one", first[0], True))
    one.start()
    assert inside.wait(30)
    two = threading.Thread(target=write, args=("two", second[0], False))
    two.start()
    if engine.dialect.name == "postgresql":  # SQLite's writers wait for one another anyway
        deadline = time.monotonic() + 30
        with engine.connect() as connection:
            while connection.execute(WAITING).scalar_one() == 0:
                assert time.monotonic() < deadline, "the second release did not wait"
                connection.rollback()  # pg_stat_activity is read once per transaction
                time.sleep(0.02)
    go.set()
    one.join()
    two.join()
    with engine.connect() as connection:
        ids = dict(connection.execute(text("SELECT actor, id FROM release")).all())
    engine.dispose()
    assert ids["one"] < ids["two"]
