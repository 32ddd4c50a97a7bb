"""The web app on a 100k-article store, under concurrent load while an ingest writes to the same store.

    python -m benchmarks.web_load [--articles 100000] [--clients 8] [--seconds 60] [--db PATH]

Needs no shared data. The store is built from synthetic articles made from sentence templates
(no spaCy: cheap), written through ``Store.write`` so every table, index, FTS5 row and
cross-article update is the real one. Articles come in stories of four rewrites across outlets
(a shared lead and quote, their own body), with recurring people, places and organisations,
so that search, entity and story pages have real work to do. The store is kept (default:
``$TMPDIR/dossier-web-load/``) and reused by the next run with the same size.

Three measurements, per kind of request:
- ``direct``: the ``Store`` method called in-process, no HTTP (the floor; the baseline);
- ``idle``: one client, one request at a time, over HTTP on loopback to ``dossier serve``;
- ``load``: ``--clients`` threads (httpx) in parallel while a separate process ingests new
  articles into the same store through ``Store.write`` (WAL: one writer, readers not blocked).
Every loop is bounded in count and time; only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import itertools
import multiprocessing
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx

from benchmarks.common import REPO, write_results
from dossier.engine import content_hash
from dossier.model import Article, Entity, Event, EventDate, Mention, Participant, Quote, Source, Speaker, Timex

FIRST = ["Anna", "Artem", "Maria", "John", "Olga", "Pierre", "Li", "Fatima", "Carlos", "Yuki", "Hans", "Aisha", "Raivo"]
LAST = [
    "Zinchenko",
    "Petrova",
    "Smith",
    "Dubois",
    "Wang",
    "Khan",
    "Garcia",
    "Tanaka",
    "Müller",
    "Okafor",
    "Rossi",
    "Susu",
]
PLACES = ["Kyiv", "Odesa", "Paris", "Geneva", "Lagos", "Lima", "Osaka", "Berlin", "Rome", "Cairo", "Quito", "Tallinn"]
ORGS = ["the United Nations", "NATO", "the World Bank", "the European Commission", "the Red Cross", "Interpol"]
OUTLETS = ["Reuters", "Yahoo News", "Il Tempo", "The Nation View", "AP", "BBC", "Le Monde", "Fox News", "HuffPost"]
VERBS = ["met", "criticised", "thanked", "called", "warned", "visited"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]
STORY_SIZE = 4


class _Text:
    """Builds a text piece by piece, returning each piece's offsets (no searching afterwards)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.mentions: dict[str, list[Mention]] = defaultdict(list)

    def add(self, s: str) -> tuple[int, int]:
        start = self.pos
        self.parts.append(s)
        self.pos += len(s)
        return start, self.pos

    def name(self, n: str) -> tuple[int, int]:
        """Add a name and record it as a mention."""
        a, b = self.add(n)
        self.mentions[n].append(Mention(a, b, n))
        return a, b

    def text(self) -> str:
        return "".join(self.parts)


def synthetic_articles(start: int, count: int, seed: int = 11) -> Iterator[Article]:
    """Articles ``syn-start`` … in stories of four (same lead and quote, other outlet, own body)."""
    vocab_rng = random.Random(seed)
    vocab = ["".join(vocab_rng.choices("etaoinshrdlucmfwyp", k=vocab_rng.randint(3, 9))) for _ in range(8000)]
    cum = list(itertools.accumulate(1 / (r + 1) for r in range(len(vocab))))
    for i in range(start, start + count):
        story = i // STORY_SIZE
        srng, rng = random.Random(seed * 1_000_003 + story), random.Random(seed * 7_919 + i)
        people = [f"{srng.choice(FIRST)} {srng.choice(LAST)}" for _ in range(3)]
        place, org, verb = srng.choice(PLACES), srng.choice(ORGS), srng.choice(VERBS)
        year, month, day = 2015 + story % 10, srng.randrange(10), srng.randint(1, 28)
        date_text, value = f"{day} {MONTHS[month]} {year}", f"{year}-{month + 1:02d}-{day:02d}"
        outlet = OUTLETS[(story + i) % len(OUTLETS)]
        topic = " ".join(srng.choices(vocab, cum_weights=cum, k=4))
        t = _Text()
        name = t.name
        p0 = name(people[0])
        t.add(" said in ")
        name(place)
        t.add(" on ")
        d0 = t.add(date_text)
        t.add(" that ")
        o0 = name(org)
        t.add(f" had {verb} the {topic} talks. ")
        q0 = t.add("“" + " ".join(srng.choices(vocab, cum_weights=cum, k=14)) + ",” ")
        sp = name(people[1])
        cue = t.add(" told ")
        t.add(outlet + ".\n")
        for _ in range(3):  # the body: this outlet's own words
            t.add(" ".join(rng.choices(vocab, cum_weights=cum, k=rng.randint(70, 110))).capitalize() + ".\n")
        s0 = t.pos
        name(people[2])
        trig = t.add(f" {verb} ")
        name(people[0])
        t.add(" in ")
        name(place)
        t.add(", according to ")
        src = name(org)
        t.add(".")
        text = t.text()
        kinds = {people[0]: "PERSON", people[1]: "PERSON", people[2]: "PERSON", place: "GPE", org: "ORG"}
        entities = tuple(
            Entity(f"E{k}", n, kinds[n], mentions=tuple(ms)) for k, (n, ms) in enumerate(t.mentions.items(), 1)
        )
        ids = {e.name: e.id for e in entities}
        yield Article(
            id=f"syn-{i}",
            source={"url": f"https://example.org/{outlet.replace(' ', '-').lower()}/{i}"},
            title=f"{people[0]} on the {topic} talks in {place}",
            outlet=outlet,
            authors=(f"{rng.choice(FIRST)} {rng.choice(LAST)}",),
            published=f"{year}-{month + 1:02d}-{min(28, day + i % STORY_SIZE):02d}",
            language="en",
            text=text,
            body=((0, len(text)),),
            entities=entities,
            quotes=(
                Quote(
                    text[q0[0] + 1 : q0[1] - 3],
                    q0[0],
                    q0[1] - 1,
                    "direct",
                    Speaker(people[1], ids[people[1]], *sp),
                    "told",
                    0.9,
                    cue[0] + 1,
                    cue[1] - 1,
                ),
            ),
            sources=(Source(org, "according_to", f"according to {org}", src[0] - 13, src[1], ids[org]),),
            timexes=(Timex(date_text, *d0, "DATE", value),),
            events=(
                Event(
                    verb,
                    "040",
                    verb.strip(),
                    trig[0] + 1,
                    trig[1] - 1,
                    text[s0:],
                    EventDate(date_text, value),
                    (
                        Participant("agent", people[2], ids[people[2]]),
                        Participant("patient", people[0], ids[people[0]]),
                    ),
                    place,
                    0.7,
                    s0,
                    len(text),
                ),
            ),
            content_hash=content_hash(text),
            meta={"synthetic": True, "p0": list(p0), "o0": list(o0)},
        )


def build_store(db: Path, n: int, batch: int = 500) -> float:
    """Write ``n`` synthetic articles through ``Store.write`` (skipped when the file already holds them).

    A partly built store is completed (articles ``syn-k`` on, ``k`` the count it holds; ones already
    there are skipped by content hash), so a long build can be stopped and resumed.
    """
    from dossier.store import Store

    have = 0
    if db.exists():
        with Store(str(db), readonly=True) as store:
            # the built articles syn-0 … syn-(n-1), written in order (a load run's writer adds ids far above)
            sql = "SELECT count(*) FROM articles WHERE id GLOB 'syn-[0-9]*' AND CAST(substr(id, 5) AS INTEGER) < ?"
            have = int(store.conn.execute(sql, (n,)).fetchone()[0])
        if have >= n:
            print(f"reusing {db} ({have:,} articles)")
            return 0.0
        print(f"resuming {db} at {have:,} articles")
    db.parent.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    with Store(str(db)) as store:
        for k in range(have, n, batch):
            size = min(batch, n - k)
            b, cpu = time.perf_counter(), time.process_time()
            store.write(synthetic_articles(k, size))
            # per batch, as the store grows: wall and CPU time per article (CPU: what the machine's load hides)
            ms, cpu_ms = (time.perf_counter() - b) * 1000 / size, (time.process_time() - cpu) * 1000 / size
            rate = (k + size - have) / (time.perf_counter() - t)
            print(
                f"  built {k + size:,}/{n:,} ({rate:,.1f} articles/s, {ms:.1f} ms/article wall,"
                f" {cpu_ms:.1f} ms CPU) {time.strftime('%H:%M:%S')}",
                flush=True,
            )
    return time.perf_counter() - t


# ---------------------------------------------------------------- the requests
def request_mix(
    n: int, entity_ids: list[str], story_ids: list[str], words: list[str]
) -> dict[str, Callable[[random.Random], str]]:
    """Kind of request -> a URL maker (random article, offset, word, entity, story)."""
    mix: dict[str, Callable[[random.Random], str]] = {
        "page /": lambda r: "/",
        "page /search": lambda r: f"/search?q={r.choice(words)}",
        "page /articles/{id}": lambda r: f"/articles/syn-{r.randrange(n)}",
        "api /api/articles": lambda r: f"/api/articles?limit=50&offset={r.randrange(max(1, n - 50))}",
        "api /api/articles/{id}": lambda r: f"/api/articles/syn-{r.randrange(n)}",
        "api /api/search": lambda r: f"/api/search?q={r.choice(words)}&limit=20",
        "api /api/stats": lambda r: "/api/stats",
    }
    if entity_ids:
        mix["page /entities/{id}"] = lambda r: f"/entities/{r.choice(entity_ids)}"
        mix["api /api/entities?q="] = lambda r: f"/api/entities?q={r.choice(LAST)}"
    if story_ids:
        mix["page /stories/{id}"] = lambda r: f"/stories/{r.choice(story_ids)}"
        mix["api /api/stories"] = lambda r: "/api/stories?limit=20"
    return mix


def direct_calls(db: Path, n: int, entity_ids: list[str], story_ids: list[str], words: list[str]) -> dict[str, Any]:
    """The same reads as plain ``Store`` calls in this process: what HTTP and rendering add to."""
    from dossier.store import Store

    r = random.Random(3)
    with Store(str(db), readonly=True) as s:
        calls: dict[str, Callable[[], Any]] = {
            "page /articles/{id}": lambda: s.article(f"syn-{r.randrange(n)}"),
            "api /api/articles": lambda: s.articles(limit=51, offset=r.randrange(max(1, n - 50))),
            "api /api/articles/{id}": lambda: s.article(f"syn-{r.randrange(n)}"),
            "api /api/search": lambda: s.search(r.choice(words), limit=21),
            "page /search": lambda: s.search(r.choice(words), limit=51),
            "api /api/stats": s.stats,
        }
        if entity_ids:
            calls["page /entities/{id}"] = lambda: s.entity(r.choice(entity_ids))
            calls["api /api/entities?q="] = lambda: s.entities(r.choice(LAST), limit=51)
        if story_ids:
            calls["page /stories/{id}"] = lambda: s.story(r.choice(story_ids))
            calls["api /api/stories"] = lambda: s.stories(limit=21)
        out = {}
        for kind, fn in calls.items():
            times = []
            for _ in range(15):
                t = time.perf_counter()
                fn()
                times.append((time.perf_counter() - t) * 1000)
            out[kind] = statistics.median(times)
    return out


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank) of ``values``; NaN when empty."""
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(q / 100 * len(s) + 0.5) - 1))]


ERRORS_SEEN: Counter[str] = Counter()
"""Failed requests by kind and HTTP status (or exception), over every phase."""


def drive(
    base: str,
    mix: dict[str, Callable[[random.Random], str]],
    clients: int,
    per_client: int,
    seconds: float,
    *,
    first: int = 0,
) -> tuple[dict[str, list[float]], dict[str, int], int, float]:
    """``clients`` threads (numbered from ``first``: each its own random stream and start in the mix), each at most
    ``per_client`` requests and ``seconds`` long; latencies in ms by kind."""
    lat: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    kinds = list(mix)

    def client(k: int) -> None:
        r = random.Random(100 + k)
        with httpx.Client(base_url=base, timeout=30) as c:
            for j in range(per_client):
                if time.monotonic() > deadline:
                    return
                kind = kinds[(j + k) % len(kinds)]
                t = time.perf_counter()
                try:
                    status = str(c.get(mix[kind](r)).status_code)
                except httpx.HTTPError as exc:
                    status = type(exc).__name__
                ms = (time.perf_counter() - t) * 1000
                with lock:
                    lat[kind].append(ms)
                    if status != "200":
                        errors[kind] += 1
                        ERRORS_SEEN[f"{kind}: {status}"] += 1

    t = time.perf_counter()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(first, first + clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    elapsed = time.perf_counter() - t
    return lat, errors, sum(len(v) for v in lat.values()), elapsed


def drive_processes(
    base: str,
    mix: dict[str, Callable[[random.Random], str]],
    clients: int,
    per_client: int,
    seconds: float,
    processes: int,
) -> tuple[dict[str, list[float]], dict[str, int], int, float]:
    """``drive`` with the clients spread over ``processes`` forked processes (threads inside each), so that the
    load generator's own GIL does not count as server latency; the results merged."""
    if processes <= 1:
        return drive(base, mix, clients, per_client, seconds)
    ctx = multiprocessing.get_context("fork")  # the request mix holds closures: the children inherit them
    queue: Any = ctx.Queue()
    shares = [clients // processes + (1 if i < clients % processes else 0) for i in range(processes)]
    firsts = list(itertools.accumulate([0, *shares[:-1]]))

    def child(first: int, n: int) -> None:
        ERRORS_SEEN.clear()
        result = drive(base, mix, n, per_client, seconds, first=first)
        queue.put((dict(result[0]), dict(result[1]), dict(ERRORS_SEEN)))

    t = time.perf_counter()
    procs = [ctx.Process(target=child, args=(f, n)) for f, n in zip(firsts, shares, strict=True) if n]
    for proc in procs:
        proc.start()
    parts = [queue.get(timeout=seconds + 300) for _ in procs]
    for proc in procs:
        proc.join()
    elapsed = time.perf_counter() - t
    lat: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    for got_lat, got_err, seen in parts:
        for kind, values in got_lat.items():
            lat[kind].extend(values)
        for kind, n_err in got_err.items():
            errors[kind] += n_err
        ERRORS_SEEN.update(seen)
    return lat, errors, sum(len(v) for v in lat.values()), elapsed


WRITER = """
import sys, time, json
from benchmarks.web_load import synthetic_articles
from dossier.cli import lower_priority
from dossier.store import Store
db, start, seconds, batch = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
lower_priority(int(sys.argv[5]))  # as `dossier ingest --nice N` / `dossier watch --nice N` do
stop = time.monotonic() + seconds
done, batches, worst, k = 0, 0, 0.0, start
with Store(db) as store:
    while time.monotonic() < stop and batches < 10_000:
        t = time.perf_counter()
        done += store.write(synthetic_articles(k, batch)).added
        worst = max(worst, time.perf_counter() - t)
        k += batch
        batches += 1
print(json.dumps({"written": done, "worst_batch_s": worst}))
"""


def free_port() -> int:
    """A TCP port free on loopback right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(db: Path, port: int, workers: int | None = None, src: str | None = None) -> subprocess.Popen[bytes]:
    """``dossier serve`` in its own process (as a user runs it), on loopback; ``workers`` server processes
    (default: what ``dossier serve`` defaults to); ``src``: run the dossier package found there (a baseline)."""
    cmd = [sys.executable, "-m", "dossier.cli", "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)]
    if workers is not None:
        cmd += ["--workers", str(workers)]
    env = {**os.environ, "PYTHONPATH": src} if src else None
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("dossier serve did not come up")


def tree_cpu_seconds(root: int) -> float:
    """User + system CPU seconds of a process and its descendants so far (from /proc; 0 where unreadable)."""
    from benchmarks.rss import tree

    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in tree(root):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


def loaded_phase(
    db: Path,
    base: str,
    mix: dict[str, Callable[[random.Random], str]],
    args: argparse.Namespace,
    server: int,
    writer_nice: int = 0,
) -> dict[str, Any]:
    """``args.clients`` clients for at most ``args.seconds`` while a second process writes into the store (its
    CPU priority lowered by ``writer_nice``); latencies by kind, the writer's report, the server's CPU seconds and
    the load average meanwhile."""
    fresh_ids = 10_000_000 + int(time.time() * 1000) % 100_000_000 * 100  # new articles on every phase
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db), str(fresh_ids), str(args.seconds + 5), "32", str(writer_nice)],
        stdout=subprocess.PIPE,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (os.environ.get("PYTHONPATH"), str(REPO))))},
    )
    time.sleep(1.0)  # the writer is writing before the readers start
    cpu = tree_cpu_seconds(server)
    lat, err, total, elapsed = drive_processes(
        base, mix, args.clients, args.requests, args.seconds, args.client_processes or args.clients
    )
    server_cpu = tree_cpu_seconds(server) - cpu
    load = os.getloadavg()[0]
    out, _ = writer.communicate(timeout=args.seconds + 120)
    wrote = __import__("json").loads(out.decode().strip().splitlines()[-1])
    return {"lat": lat, "err": err, "total": total, "elapsed": elapsed, "wrote": wrote, "server_cpu": server_cpu,
            "load": load}  # fmt: skip


def _ids(client: httpx.Client, url: str) -> list[str]:
    """Ids of the items a list endpoint returns; none when the store has no cross-article layer (an error)."""
    try:
        got = client.get(url)
    except httpx.HTTPError:
        return []
    return [item["id"] for item in got.json()["items"]] if got.status_code == 200 else []


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument(
        "--client-processes",
        type=int,
        help="processes the clients are spread over (default: one per client; 1: threads in this process, as before)",
    )
    ap.add_argument("--seconds", type=float, default=60.0, help="longest the loaded phase runs")
    ap.add_argument("--requests", type=int, default=400, help="most requests per client in the loaded phase")
    ap.add_argument("--db", help="store to build or reuse (default: $TMPDIR/dossier-web-load/store-N.db)")
    ap.add_argument("--build-only", action="store_true", help="build (or reuse) the store and stop")
    ap.add_argument("--serve-workers", type=int, help="`dossier serve --workers N` (default: its own default)")
    ap.add_argument("--baseline-src", help="also serve the dossier package under this src/ (a baseline), same run")
    ap.add_argument("--rounds", type=int, default=1, help="loaded phases per variant (they alternate)")
    ap.add_argument(
        "--writer-nice", type=int, default=0, help="the writer's CPU priority lowered by N, as `ingest --nice N`"
    )
    ap.add_argument(
        "--baseline-writer-nice",
        type=int,
        help="also a baseline variant whose writer is lowered by N (the --baseline-src code, or the current one)",
    )
    ap.add_argument("--tag", default="", help="suffix of the results file name")
    args = ap.parse_args(argv)
    n = args.articles
    db = Path(args.db or Path(tempfile.gettempdir()) / "dossier-web-load" / f"store-{n}.db")
    print(f"web_load: {n:,} synthetic articles, {args.clients} clients, ≤{args.seconds:.0f} s, store {db}")
    build_s = build_store(db, n)
    if build_s:
        print(f"built in {build_s:,.0f} s ({n / build_s:,.0f} articles/s through Store.write)")
    if args.build_only:
        return 0

    baseline_nice = args.writer_nice if args.baseline_writer_nice is None else args.baseline_writer_nice
    with_baseline = args.baseline_src or args.baseline_writer_nice is not None
    variants = [("baseline", args.baseline_src), ("current", None)] if with_baseline else [("current", None)]
    writer_nice = {"baseline": baseline_nice, "current": args.writer_nice}
    phases: dict[str, list[dict[str, Any]]] = {name: [] for name, _ in variants}
    idle_lat: dict[str, list[float]] = defaultdict(list)
    idle_err: dict[str, int] = defaultdict(int)
    direct: dict[str, float] = {}
    load_before = os.getloadavg()
    for round_ in range(args.rounds):
        for name, src in variants:  # baseline and current alternate, so both meet the same machine load
            port = free_port()
            server = serve(db, port, args.serve_workers, src)
            base = f"http://127.0.0.1:{port}"
            try:
                if not direct:
                    with httpx.Client(base_url=base, timeout=60) as c:
                        stats = c.get("/api/stats").json()
                        entity_ids, story_ids = _ids(c, "/api/entities?limit=100"), _ids(c, "/api/stories?limit=100")
                    words = [*LAST, *PLACES, "talks", "Zinchenko AND Tallinn", '"World Bank"']
                    mix = request_mix(n, entity_ids, story_ids, words)
                    direct = direct_calls(db, n, entity_ids, story_ids, words)
                if name == "current" and round_ == 0:
                    idle_lat, idle_err, _, _ = drive(base, mix, 1, 15 * len(mix), args.seconds)
                phase = loaded_phase(db, base, mix, args, server.pid, writer_nice[name])
                phases[name].append(phase)
                print(
                    f"  round {round_ + 1} {name}: {phase['total']:,} requests in {phase['elapsed']:.1f} s,"
                    f" entity page p99 {pct(phase['lat'].get('page /entities/{id}', []), 99):.0f} ms,"
                    f" server CPU {phase['server_cpu']:.1f} s, load average {phase['load']:.1f}",
                    flush=True,
                )
            finally:
                server.terminate()
                server.wait(timeout=20)
    from dossier.store import Store

    with Store(str(db), readonly=True) as store:
        after = store.stats()

    def pooled(name: str) -> tuple[dict[str, list[float]], dict[str, int], int, float, dict[str, Any]]:
        lat_: dict[str, list[float]] = defaultdict(list)
        err_: dict[str, int] = defaultdict(int)
        for ph in phases[name]:
            for k, v in ph["lat"].items():
                lat_[k] += v
            for k, v in ph["err"].items():
                err_[k] += v
        wrote_ = {
            "written": sum(ph["wrote"]["written"] for ph in phases[name]),
            "worst_batch_s": max(ph["wrote"]["worst_batch_s"] for ph in phases[name]),
        }
        return lat_, err_, sum(ph["total"] for ph in phases[name]), sum(ph["elapsed"] for ph in phases[name]), wrote_

    baseline_rows: list[dict[str, Any]] = []
    if with_baseline:
        b_lat, b_err, *_ = pooled("baseline")
        for kind in mix:
            baseline_rows.append(
                {
                    "request": kind,
                    "load_p50_ms": pct(b_lat[kind], 50),
                    "load_p99_ms": pct(b_lat[kind], 99),
                    "load_n": len(b_lat[kind]),
                    "errors": b_err[kind],
                }
            )
    lat, err, total, elapsed, wrote = pooled("current")
    rows: list[dict[str, Any]] = []
    print(f"\nstore: {stats['articles']:,} articles, {stats['entities']:,} entities, {stats['stories']:,} stories")
    print(
        f"{'request':24} {'direct':>8} {'idle p50':>9} {'idle p99':>9} {'load p50':>9} {'load p99':>9}"
        f" {'n':>5} {'errors':>6}"
    )
    for kind in mix:
        row = {
            "request": kind,
            "direct_ms": direct.get(kind),
            "idle_p50_ms": pct(idle_lat[kind], 50),
            "idle_p99_ms": pct(idle_lat[kind], 99),
            "load_p50_ms": pct(lat[kind], 50),
            "load_p99_ms": pct(lat[kind], 99),
            "load_n": len(lat[kind]),
            "errors": err[kind] + idle_err[kind],
        }
        rows.append(row)
        d = f"{row['direct_ms']:.1f}" if row["direct_ms"] is not None else "–"
        print(
            f"{kind:24} {d:>8} {row['idle_p50_ms']:9.1f} {row['idle_p99_ms']:9.1f} {row['load_p50_ms']:9.1f}"
            f" {row['load_p99_ms']:9.1f} {row['load_n']:5d} {row['errors']:6d}"
        )
    if baseline_rows:
        print(
            f"\nbaseline ({args.baseline_src or 'current code'}, writer nice {baseline_nice}; current: writer nice"
            f" {args.writer_nice}), same run, phases alternating:"
        )
        for r in baseline_rows:
            print(
                f"{r['request']:24} load p50 {r['load_p50_ms']:9.1f}  p99 {r['load_p99_ms']:9.1f}  n {r['load_n']:5d}"
            )
    cpu = {name: round(sum(ph["server_cpu"] for ph in phases[name]), 1) for name in phases}
    per_request = {
        name: round(1000 * cpu[name] / max(1, sum(ph["total"] for ph in phases[name])), 2) for name in phases
    }
    loads = {name: [round(ph["load"], 1) for ph in phases[name]] for name in phases}
    print(f"server CPU under load: {cpu} s, {per_request} ms per request; load average at each phase's end {loads}"
          f" (before: {load_before[0]:.1f})")  # fmt: skip
    all_lat = [x for v in lat.values() for x in v]
    errors = sum(r["errors"] for r in rows)
    print(
        f"\nunder load: {total:,} requests in {elapsed:.1f} s ({total / elapsed:,.0f} req/s),"
        f" p50 {pct(all_lat, 50):.1f} ms, p99 {pct(all_lat, 99):.1f} ms, max {max(all_lat):.0f} ms, errors {errors}"
    )
    print(
        f"writer meanwhile: {wrote['written']:,} new articles through Store.write in batches of 32"
        f" (slowest batch {wrote['worst_batch_s'] * 1000:.0f} ms); store now {after['articles']:,} articles"
    )
    corpus = "with" if entity_ids or story_ids else "without"
    from dossier.store import Store

    with Store(str(db), readonly=True) as s:
        placed = int(s.conn.execute("SELECT count(*) FROM story_articles").fetchone()[0])
    measured = "measured" if corpus == "with" else "absent"
    print(
        f"store {corpus} the cross-article layer (entity and story pages {measured}); it covers {placed:,} of"
        f" {after['articles']:,} articles — entity and story figures stand for a store of that many"
    )
    if ERRORS_SEEN:
        print("errors: " + ", ".join(f"{k} x{n}" for k, n in sorted(ERRORS_SEEN.items())))
    print("all times in ms; direct = Store method in-process (no HTTP); 2 shared cores: expect noise")
    path = write_results(
        ("web_load" if n == 100_000 else f"web_load_{n}")
        + (f"_serve{args.serve_workers}" if args.serve_workers else "")
        + (f"_{args.tag}" if args.tag else ""),
        {
            "serve_workers": args.serve_workers,
            "articles": stats["articles"],
            "cross_article_layer": corpus == "with",
            "cross_article_articles": placed,
            "clients": args.clients,
            "client_processes": args.client_processes or args.clients,
            "requests_under_load": total,
            "seconds_under_load": round(elapsed, 2),
            "requests_per_second": round(total / elapsed, 1),
            "p50_ms": round(pct(all_lat, 50), 2),
            "p99_ms": round(pct(all_lat, 99), 2),
            "max_ms": round(max(all_lat), 1),
            "errors": errors,
            "errors_by_status": dict(ERRORS_SEEN),
            "written_during_load": wrote["written"],
            "slowest_write_batch_ms": round(wrote["worst_batch_s"] * 1000, 1),
            "build_seconds": round(build_s, 1),
            "requests": rows,
            "baseline_src": args.baseline_src,
            "writer_nice": args.writer_nice,
            "baseline_writer_nice": baseline_nice if with_baseline else None,
            "baseline_requests": baseline_rows,
            "rounds": args.rounds,
            "server_cpu_seconds": cpu,
            "server_cpu_ms_per_request": per_request,
            "load_average_per_phase": loads,
            "load_average_before": round(load_before[0], 1),
        },
    )
    print(f"wrote {path}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
