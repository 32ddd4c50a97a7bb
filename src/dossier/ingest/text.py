"""Plain text: bytes -> str without losing a character, so offsets line up with the user's file."""

from __future__ import annotations

from dataclasses import dataclass

import charset_normalizer

from ..errors import InputError
from .streams import binary_kind, binary_reason

_WESTERN = frozenset({"cp1252", "latin_1", "iso8859_15", "cp850", "cp437", "mac_roman", "ascii"})


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, with what had to be done to get it."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def decode(source: str, data: bytes) -> Decoded:
    """Decode ``data`` verbatim (\\r\\n kept): UTF-8, else a repaired legacy encoding with a warning.

    Raises ``InputError`` for empty input (a byte-order mark and whitespace only, too) and for binary data.
    """
    decoded = _decode(source, data)
    if not decoded.text.strip():
        raise InputError(source, "empty file (only a byte-order mark and whitespace)")
    return decoded


def _decode(source: str, data: bytes) -> Decoded:
    if not data.strip():
        raise InputError(source, "empty file" if not data else "empty file (only whitespace)")
    reason = binary_reason(data)
    if reason:
        raise InputError(source, reason)
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            text = data[3:].decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return Decoded(text, "utf-8", ("text: UTF-8 byte-order mark removed; offsets count from after it",))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(data.decode("utf-16"), "utf-16", ("text: decoded from UTF-16 (byte-order mark removed)",))
        except UnicodeDecodeError:
            raise InputError(source, "binary file (broken UTF-16), not text") from None
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        position = exc.start
    encoding = _legacy_encoding(data)
    if encoding is None:
        raise InputError(source, "binary file (no text encoding fits), not text")
    text = data.decode(encoding, errors="replace")
    if binary_kind(text.encode("utf-8")):
        raise InputError(source, "binary file, not text")
    label = {"cp1252": "Windows-1252 (cp1252)", "latin_1": "Latin-1 (ISO-8859-1)"}.get(encoding, encoding)
    return Decoded(
        text,
        encoding,
        (f"text: not valid UTF-8 (first bad byte at offset {position}); decoded as {label} — check accented letters",),
    )


def _legacy_encoding(data: bytes) -> str | None:
    """The encoding of non-UTF-8 text: cp1252/latin-1 for mostly-ASCII text, else charset-normalizer's guess."""
    high = sum(1 for b in data if b >= 0x80)
    best = charset_normalizer.from_bytes(data).best()
    # detectors guess wildly on English with a few accented letters; Western encodings are far likelier there
    if best is None and high / len(data) > 0.3:
        return None  # no encoding fits and most bytes are high: not text
    if best is None or best.encoding in _WESTERN or high / len(data) < 0.1:
        try:
            data.decode("cp1252")
        except UnicodeDecodeError:
            return "latin_1"  # cp1252 leaves five bytes undefined; latin-1 decodes everything
        return "cp1252"
    return str(best.encoding)
