"""A real HTTP cache in front of Foedus: Debian's nginx, with ``deploy/nginx.conf`` (its upstream,
port and paths moved to this test's), before a Foedus server (``foedus serve``) on a seeded
database of its own.

A repeated question is a cache hit; a write shows through within the configured max-age; a read
pinned to a release never changes; a paginated answer kept for one client is right for another.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from app.core.settings import PROJECT_ROOT
from tests.conftest import Databases

CONF = PROJECT_ROOT / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or next(
    (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).exists()), None
)
MAX_AGE = 2
STALE = 2
MEMBERS = "/v1/organizations/csto/members?at=2026-06-01"

pytestmark = pytest.mark.skipif(
    NGINX is None, reason="Debian's nginx is not installed (apt-get install nginx-light)"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def moved(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"deploy/nginx.conf has no single {old!r}"
    return text.replace(old, new)


def conf_for(directory: Path, upstream: int, port: int) -> Path:
    """``deploy/nginx.conf`` with this test's upstream, port and paths."""
    text = CONF.read_text()
    text = moved(text, "server api:8000;", f"server 127.0.0.1:{upstream};")
    text = moved(text, "listen 80;", f"listen 127.0.0.1:{port};")
    text = moved(text, "/var/cache/nginx/foedus", str(directory / "cache"))
    text = moved(
        text,
        "http {",
        # as root, nginx's workers would be nobody, shut out of pytest's private folders
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"pid {directory}/nginx.pid;\nerror_log {directory}/error.log;\nhttp {{\n"
        f"    access_log {directory}/access.log;\n"
        + "".join(
            f"    {kind}_temp_path {directory}/{kind};\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        ),
    )
    path = directory / "nginx.conf"
    path.write_text(text)
    return path


def nginx(directory: Path, conf: Path, *extra: str) -> list[str]:
    assert NGINX is not None
    return [NGINX, "-p", str(directory), "-c", str(conf), *extra]


def wait_for(url: str, process: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, (
            f"{process.args!r} exited: {process.stdout and process.stdout.read()!r}"
        )
        try:
            if httpx.get(url, timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} did not answer")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@dataclass
class Deployment:
    cache: httpx.Client  # through nginx
    direct: httpx.Client  # the Foedus server itself
    key: str


@pytest.fixture(scope="module")
def deployment(
    tmp_path_factory: pytest.TempPathFactory, databases: Databases, seeded_template: str
) -> Iterator[Deployment]:
    """nginx before a Foedus server on a seeded database (SQLite, and PostgreSQL when set)."""
    work = tmp_path_factory.mktemp("proxy")
    env = {
        **os.environ,
        "FOEDUS_DATABASE_URL": databases.new(template=seeded_template),
        "FOEDUS_HTTP_MAX_AGE": str(MAX_AGE),
        "FOEDUS_HTTP_STALE_WHILE_REVALIDATE": str(STALE),
    }
    env.pop("FOEDUS_TEST_DATABASE_URL", None)
    key = subprocess.run(
        [sys.executable, "-m", "app.cli", "keys", "create", "--name", "curator"],
        cwd=PROJECT_ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()[-1]
    upstream, port = free_port(), free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "serve", "--port", str(upstream)],
        cwd=PROJECT_ROOT,
        env={**env, "FOEDUS_ACCESS_LOG": "false"},  # a pipe nobody reads would fill with it
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    proxy: subprocess.Popen[bytes] | None = None
    try:
        wait_for(f"http://127.0.0.1:{upstream}/healthz", server)
        conf = conf_for(work, upstream, port)
        proxy = subprocess.Popen(
            nginx(work, conf, "-g", "daemon off;"), stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        wait_for(f"http://127.0.0.1:{port}/healthz", proxy)
        with (
            httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as cache,
            httpx.Client(base_url=f"http://127.0.0.1:{upstream}", timeout=30) as direct,
        ):
            yield Deployment(cache, direct, key)
    finally:
        if proxy is not None:
            stop(proxy)
        stop(server)


def status(response: httpx.Response) -> str:
    return response.headers.get("x-cache-status", "")


def codes(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return sorted(m["state"]["code"] for m in response.json()["members"])


def test_the_deploy_conf_is_valid_nginx(tmp_path: Path) -> None:
    checked = subprocess.run(
        nginx(tmp_path, conf_for(tmp_path, free_port(), free_port()), "-t"),
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr
    assert "syntax is ok" in checked.stderr


def test_a_repeated_question_is_a_hit_a_write_shows_and_a_pinned_read_never_changes(
    deployment: Deployment,
) -> None:
    cache, direct = deployment.cache, deployment.direct
    first = cache.get(MEMBERS)
    again = cache.get(MEMBERS)
    assert (status(first), status(again)) == ("MISS", "HIT")
    assert again.content == first.content
    assert again.headers["cache-control"] == (
        f"public, max-age={MAX_AGE}, stale-while-revalidate={STALE}"
    )
    assert "SRB" not in codes(first)

    release = direct.get("/v1/meta").json()["release"]
    pinned_path = f"{MEMBERS}&release={release}"
    pinned = cache.get(pinned_path)
    assert pinned.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert pinned.content == first.content

    source = direct.get("/v1/organizations/nato").json()["sources"][0]["id"]
    created = cache.post(
        "/v1/memberships",
        headers={"Authorization": f"Bearer {deployment.key}"},
        json={
            "organization": "csto",
            "state": "SRB",
            "role": "member",
            "period": {"start": "2026-01"},
            "sources": [source],
            "reason": "proxy cache test",
        },
    )
    assert created.status_code == 201, created.text
    assert created.headers["cache-control"] == "no-store"

    # within max-age the cache may answer as before; past it (and one stale answer while it
    # fetches the new one) the write shows. The bound is generous: no timing is asserted.
    deadline = time.monotonic() + MAX_AGE + STALE + 30
    seen = codes(cache.get(MEMBERS))
    while "SRB" not in seen and time.monotonic() < deadline:
        time.sleep(0.25)
        seen = codes(cache.get(MEMBERS))
    assert seen == sorted([*codes(first), "SRB"])

    later = cache.get(pinned_path)
    assert status(later) == "HIT"
    assert later.content == pinned.content
    assert direct.get(pinned_path).content == pinned.content  # not only kept: the same answer


def test_a_page_kept_for_one_client_links_right_for_another(deployment: Deployment) -> None:
    cache = deployment.cache
    path = "/v1/states?limit=2"
    mine = cache.get(path, headers={"Host": "api.example.org"})
    theirs = cache.get(path, headers={"Host": "foedus.example.net:8443"})
    assert status(theirs) == "HIT"
    link = theirs.headers["link"]
    assert link == mine.headers["link"]
    assert link.startswith("</v1/states?")
    assert link.endswith('>; rel="next"')
    following = cache.get(link[1 : link.index(">")])
    assert following.status_code == 200
    assert following.json()["items"][0]["code"] not in {s["code"] for s in theirs.json()["items"]}


def test_readiness_and_errors_are_never_kept(deployment: Deployment) -> None:
    cache = deployment.cache
    for _ in range(2):
        assert status(cache.get("/healthz")) != "HIT"
        assert status(cache.get("/v1/organizations/nope")) != "HIT"
