"""A Spark standalone cluster on loopback, started with the pyspark package's own ``bin/spark-class``.

``standalone(workers=2, cores=1)`` starts a master (``org.apache.spark.deploy.master.Master --host
127.0.0.1``) and that many workers (``org.apache.spark.deploy.worker.Worker``), waits until the master
counts them alive, yields the master's ``spark://127.0.0.1:PORT`` URL and stops every process it started
on the way out (their process groups, by id). Used by the cluster test and the throughput benchmark: the
same daemons a real standalone cluster runs, only all on this machine and bound to 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

MASTER = "org.apache.spark.deploy.master.Master"
WORKER = "org.apache.spark.deploy.worker.Worker"


class ClusterError(RuntimeError):
    """The cluster did not come up in time (the message names the log to read)."""


def spark_home() -> Path:
    """The Spark distribution inside the installed pyspark package (it ships ``bin/spark-class`` and the jars)."""
    import pyspark

    return Path(pyspark.__file__).parent


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _alive_workers(ui_port: int) -> int:
    with urllib.request.urlopen(f"http://127.0.0.1:{ui_port}/json/", timeout=2) as resp:
        return int(json.load(resp).get("aliveworkers", 0))


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    with suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


@contextmanager
def standalone(
    workers: int = 2, cores: int = 1, memory: str = "1g", work_dir: Path | None = None, timeout: float = 120.0
) -> Iterator[str]:
    """Run a master and ``workers`` workers of ``cores`` cores each on loopback; yield the master URL.

    Executors run this interpreter (``PYSPARK_PYTHON``) with the directory that holds the imported
    ``dossier`` package first on ``PYTHONPATH``, so they run the same code as the driver.
    """
    import tempfile

    import dossier

    home = spark_home()
    spark_class = home / "bin" / "spark-class"
    with suppress(OSError):
        spark_class.chmod(spark_class.stat().st_mode | 0o111)  # some wheels drop the executable bit
    own_tmp = tempfile.TemporaryDirectory(prefix="dossier-spark-") if work_dir is None else None
    root = Path(own_tmp.name if own_tmp else work_dir or ".")
    root.mkdir(parents=True, exist_ok=True)
    package_root = str(Path(dossier.__file__).resolve().parents[1])
    env = {
        **os.environ,
        "SPARK_HOME": str(home),
        "SPARK_LOCAL_IP": "127.0.0.1",
        "SPARK_NO_DAEMONIZE": "1",
        "SPARK_LOG_DIR": str(root / "logs"),
        "PYSPARK_PYTHON": sys.executable,
        "PYTHONPATH": os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH", "")) if p),
    }
    port, ui = free_port(), free_port()
    url = f"spark://127.0.0.1:{port}"
    procs: list[subprocess.Popen[bytes]] = []

    def worker_ui(work: Path) -> list[str]:
        return ["--webui-port", str(free_port()), "--work-dir", str(work)]

    def launch(name: str, args: list[str]) -> None:
        log = (root / f"{name}.log").open("wb")
        procs.append(
            subprocess.Popen(
                [str(spark_class), *args], stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True
            )
        )
        log.close()  # the child holds its own descriptor

    try:
        launch("master", [MASTER, "--host", "127.0.0.1", "--port", str(port), "--webui-port", str(ui)])
        for i in range(workers):
            work = root / f"worker-{i}"
            work.mkdir(exist_ok=True)
            launch(
                f"worker-{i}",
                [WORKER, url, "--host", "127.0.0.1", "--cores", str(cores), "--memory", memory, *worker_ui(work)],
            )
        deadline = time.monotonic() + timeout
        while True:
            with suppress(OSError, ValueError):
                if _alive_workers(ui) >= workers:
                    break
            dead = [p for p in procs if p.poll() is not None]
            if dead or time.monotonic() > deadline:
                why = "a daemon exited" if dead else f"not {workers} workers after {timeout:.0f} s"
                raise ClusterError(f"Spark standalone cluster did not start ({why}); logs in {root}")
            time.sleep(0.5)
        yield url
    finally:
        for proc in reversed(procs):
            _stop(proc)
        if own_tmp is not None:
            own_tmp.cleanup()
