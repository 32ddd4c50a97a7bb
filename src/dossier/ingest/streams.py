"""Bytes in: open files and stdin, decompress gzip as a stream under a size cap, sniff the format.

Everything here raises ``InputError`` with a one-line reason; the readers above turn
that into a yielded error so that one bad input never stops the others.
"""

from __future__ import annotations

import gzip
import io
import os
import zlib
from collections.abc import Iterator
from typing import BinaryIO, Literal, cast

from ..errors import InputError

Format = Literal["text", "html", "jsonl", "json", "feed", "warc"]
"""What a reader makes of an input's bytes."""

MAX_BYTES = 64 * 1024 * 1024
"""Largest decompressed input (or record) read into memory: a gzip bomb stops here."""

MAX_RATIO = 100
"""Past ``MAX_BYTES`` of a stream, a compression ratio above this is treated as a bomb (news compresses ~4:1)."""

_GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 16

_SUFFIXES: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".warc": "warc",
    ".arc": "warc",
}

_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or Office document)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"SQLite format 3", "an SQLite database"),
    (b"PAR1", "a Parquet file"),
)


def cap_message(cap: int = MAX_BYTES) -> str:
    """The reason given when an input grows past the decompression cap."""
    return f"decompressed size exceeds the {cap // (1024 * 1024)} MB cap (a gzip bomb?); input skipped"


def one_line(exc: object, limit: int = 160) -> str:
    """An exception's message on one short line, for an ``InputError`` reason."""
    return " ".join(str(exc).split())[:limit]


def format_from_name(name: str) -> tuple[Format | None, bool]:
    """The format a file name announces (None: sniff it) and whether it is gzip-compressed."""
    lower = name.lower()
    gz = lower.endswith((".gz", ".gzip"))
    if gz:
        lower = lower.rsplit(".", 1)[0]
    _, dot, ext = lower.rpartition(".")
    return (_SUFFIXES.get("." + ext) if dot else None), gz


def sniff(head: bytes) -> Format:
    """Guess the format from the first bytes of an (uncompressed) input."""
    probe = head.lstrip(b"\xef\xbb\xbf").lstrip()
    lower = probe[:2048].lower()
    if probe.startswith(b"WARC/"):
        return "warc"
    if probe.startswith(b"["):
        return "json"
    if probe.startswith(b"{"):
        # one record per line, or one pretty-printed object
        first_line = probe.split(b"\n", 1)[0].rstrip()
        return "jsonl" if first_line.endswith(b"}") else "json"
    if probe.startswith(b"<"):
        if b"<rss" in lower or b"<feed" in lower or b"<rdf:rdf" in lower:
            return "feed"
        return "html"
    return "text"


def binary_reason(head: bytes, expected: str = "text") -> str | None:
    """The one-line reason ``head`` cannot be ``expected`` ("binary file (a PDF document), not text"), or None."""
    what = binary_kind(head)
    if what is None:
        return None
    return f"binary file{'' if what == 'binary data' else f' ({what})'}, not {expected}"


def binary_kind(head: bytes) -> str | None:
    """Why ``head`` is not text (e.g. "a PDF document"), or None when it may be text."""
    for magic, what in _BINARY_MAGIC:
        if head.startswith(magic):
            return what
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 with a byte-order mark: text with NULs
    sample = head[:8192]
    if b"\x00" in sample:
        return "binary data"
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    if sample and controls / len(sample) > 0.1:
        return "binary data"
    return None


class _Counting(io.RawIOBase):
    """Counts the compressed bytes a decompressor has consumed (for the ratio guard)."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.raw.read(len(b))
        n = len(data)
        b[:n] = data
        self.count += n
        return n


class GuardedStream(io.RawIOBase):
    """A decompressing read stream that refuses to grow past ``cap`` bytes at a bomb's ratio.

    With ``ratio=None`` any stream past ``cap`` is refused (single documents); with a ratio
    (containers such as JSONL or WARC, which may be large) only a stream that is both past
    ``cap`` and compressed more than ``ratio``:1 is refused.
    """

    def __init__(self, source: str, raw: BinaryIO, *, cap: int = MAX_BYTES, ratio: int | None = None) -> None:
        self.source = source
        self._counting = _Counting(raw)
        self._inner = gzip.GzipFile(fileobj=io.BufferedReader(self._counting, _CHUNK), mode="rb")
        self.cap = cap
        self.ratio = ratio
        self.out = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b: bytearray | memoryview) -> int:  # type: ignore[override]
        try:
            # read1: what one read of compressed input gives, so that a truncated file yields everything before
            # the cut before the error (read() would loop on and lose it with the exception)
            data = self._inner.read1(len(b))
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError(self.source, f"corrupt or truncated gzip data ({exc})") from None
        n = len(data)
        b[:n] = data
        self.out += n
        if self.out > self.cap and (self.ratio is None or self.out > self.ratio * max(1, self._counting.count)):
            raise InputError(self.source, cap_message(self.cap))
        return n

    def close(self) -> None:
        self._inner.close()
        super().close()


def open_binary(source: str, path: str | None, *, container: bool) -> BinaryIO:
    """Open a file (or stdin for ``path=None``) for reading, transparently gunzipping it.

    ``container`` inputs (JSONL, WARC, feeds of many records) get the ratio guard rather
    than the hard cap, since a real corpus may decompress past it.
    """
    try:
        raw: BinaryIO = open(path, "rb") if path is not None else _stdin()  # noqa: SIM115 - closed by the caller
    except FileNotFoundError:
        raise InputError(source, "no such file or directory") from None
    except IsADirectoryError:
        raise InputError(source, "is a directory") from None
    except PermissionError:
        raise InputError(source, "permission denied") from None
    except OSError as exc:
        raise InputError(source, f"cannot open ({exc.strerror or exc})") from None
    buffered = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(cast(io.RawIOBase, raw))
    if buffered.peek(2)[:2] == _GZIP_MAGIC:
        guarded = GuardedStream(source, buffered, ratio=MAX_RATIO if container else None)
        return io.BufferedReader(guarded, _CHUNK)
    return buffered


def _stdin() -> BinaryIO:
    import sys

    return sys.stdin.buffer


def read_capped(source: str, stream: BinaryIO, cap: int = MAX_BYTES) -> bytes:
    """All of ``stream`` as bytes, or ``InputError`` when it exceeds ``cap``."""
    data = stream.read(cap + 1)
    if len(data) > cap:
        raise InputError(source, cap_message(cap) if _compressed(stream) else f"larger than the {cap >> 20} MB limit")
    return data


def _compressed(stream: BinaryIO) -> bool:
    return isinstance(getattr(stream, "raw", None), GuardedStream)


def lines(source: str, stream: BinaryIO, cap: int = MAX_BYTES) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines of ``stream``; a line longer than ``cap`` comes back as ``(n, None)`` and is skipped."""
    n = 0
    while True:
        line = stream.readline(cap + 1)
        if not line:
            return
        n += 1
        if len(line) > cap and not line.endswith(b"\n"):
            while True:  # drain the rest of the overlong line without keeping it
                more = stream.readline(_CHUNK)
                if not more or more.endswith(b"\n"):
                    break
            yield n, None
            continue
        yield n, line


def walk(directory: str) -> Iterator[str]:
    """Files under ``directory``, recursively, in sorted order, skipping hidden files and folders."""
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield os.path.join(root, name)
