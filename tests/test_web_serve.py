"""`dossier serve --workers N`: several server processes on one port, each answering (a real server on loopback)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
def test_serve_with_two_processes_answers_and_stops_on_sigterm(tmp_path: Path, store_article: Any) -> None:
    from dossier.store import Store

    db = str(tmp_path / "d.db")
    with Store(db) as store:
        store.write([store_article(1), store_article(2)])
    port = _port()
    src = str(Path(__file__).resolve().parents[1] / "src")
    proc = subprocess.Popen(
        [sys.executable, "-m", "dossier.cli", "serve", "--db", db, "--port", str(port), "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": src},
    )
    try:
        answers: list[int] = []
        for _ in range(200):  # bounded wait for the processes to come up
            try:
                answers.append(httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=5).status_code)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            answers += [client.get("/api/articles").status_code for _ in range(10)]
            assert client.get("/api/articles").json()["items"][0]["id"] in {"art-1", "art-2"}
        assert answers == [200] * 11
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert "2 processes" in err
