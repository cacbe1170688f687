"""The image's entry command, run directly (there is no Docker engine here): the Dockerfile's
environment and CMD must start a server that migrates, seeds and answers."""

from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from app.core.settings import PROJECT_ROOT

DOCKERFILE = PROJECT_ROOT / "Dockerfile"


def image_environment() -> tuple[dict[str, str], list[str]]:
    """The final stage's ENV and CMD, with its paths mapped onto this checkout."""
    final = DOCKERFILE.read_text().split("\nFROM ")[-1]
    env_block = re.search(r"^ENV (.+?)(?=^\w)", final, re.S | re.M)
    assert env_block is not None
    pairs = shlex.split(env_block.group(1).replace("\\\n", " "))
    env = dict(p.split("=", 1) for p in pairs)
    cmd = re.search(r"^CMD (\[.*\])$", final, re.M)
    assert cmd is not None
    return env, [part.strip('" ') for part in cmd.group(1).strip("[]").split(",")]


def test_the_dockerfile_declares_what_the_image_needs() -> None:
    text = DOCKERFILE.read_text()
    # one slim stage: plain Python needs no compiler image to build in
    assert [line for line in text.splitlines() if line.startswith("FROM ")] == [
        "FROM python:3.11-slim"
    ]
    assert "USER 10001:10001" in text
    assert "HEALTHCHECK" in text
    assert 'VOLUME ["/srv/foedus/data"]' in text


def test_the_entry_command_serves_the_seeded_api(tmp_path: Path) -> None:
    env, command = image_environment()
    assert command == ["foedus", "serve"]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    mapped = {
        k: v.replace("/srv/foedus/data", str(tmp_path)).replace("/srv/foedus", str(PROJECT_ROOT))
        for k, v in env.items()
        if k != "PATH"
    }
    mapped |= {"FOEDUS_HOST": "127.0.0.1", "FOEDUS_PORT": str(port)}
    assert mapped["FOEDUS_DATABASE_URL"] == f"sqlite:///{tmp_path}/foedus.db"
    executable = Path(sys.executable).parent / command[0]
    server = subprocess.Popen(
        [str(executable), *command[1:]],
        cwd=tmp_path,
        env={**os.environ, **mapped},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        body = httpx.get(
            f"http://127.0.0.1:{port}/v1/organizations/csto/members", params={"at": "1995-06-01"}
        ).json()
        assert body["count"] == 9
    finally:
        server.terminate()
        server.wait(timeout=30)
