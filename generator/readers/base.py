"""What every reader shares: decoding a file with located errors, and the reader shape."""

from __future__ import annotations

import codecs
import re
import string
from dataclasses import dataclass, replace
from typing import Callable, Iterable

from ..errors import Problems
from ..model import Segment, Source
from ..text import CONTROL as _CONTROL


@dataclass(frozen=True)
class Lines:
    """A decoded source file: its path as users see it and its lines (1-based via ``numbered``)."""

    path: str
    lines: tuple[str, ...]

    def numbered(self, start: int = 0):
        """(line number, text) pairs from index ``start``."""
        for i in range(start, len(self.lines)):
            yield i + 1, self.lines[i]


def decode(path: str, raw: bytes, problems: Problems) -> Lines | None:
    """The file's text split into lines: UTF-8 (or UTF-16, or UTF-32 with its mark), the encoding an
    XML or HTML file declares, else Windows-1252 (and so ISO-8859-1) where the bytes read as text in
    it, as Windows tools save captions, or Mac Roman where they read as words only in it; a problem
    naming the line of the first bad byte, or of a word no code page tried makes, otherwise."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    codec = _utf16(raw) or "utf-8"
    if codec == "utf-8":
        raw = raw.rstrip(b"\x1a")  # Ctrl-Z, the end of file DOS tools write after the text
    unicode = True  # read in UTF-8, -16 or -32: the only text that can hold mojibake to repair
    try:
        text = raw.decode(codec).removeprefix("\ufeff")
    except UnicodeDecodeError as first:
        unicode = False
        bad = first  # the byte a problem names (the declared encoding's own, where that fails too)
        # bytes that read as UTF-8 are UTF-8, whatever a <meta> says; and so are those that would but for a
        # byte gone wrong (QA39: a <meta charset="iso-8859-1"> over them read every accent as "Ã©")
        declared = _declared(raw) if codec == "utf-8" and not _damaged_utf8(raw) else None
        if declared:
            try:
                text = raw.decode(declared)
            except UnicodeDecodeError as wrong:
                codec, bad, text = declared, wrong, None
        elif codec == "utf-8":
            text = _windows(raw)
            if isinstance(text, tuple):  # bytes that read as text, but not as words in any code page tried
                at, why = text
                problems.add(path, raw[:at].count(b"\n") + 1, why)
                return None
        else:
            text = None
        if text is None:
            line = raw[: bad.start].decode(codec, "replace").count("\n") + 1
            if codec.startswith(("utf-16", "utf-32")):
                why = f"not valid {codec.upper()} (a cut-off or lone character); save the file as UTF-8"
            elif codec == "utf-8":
                why = f"not valid UTF-8 (byte 0x{raw[bad.start]:02x}) nor Windows-1252 text: is this a transcript? If it is, save it as UTF-8"
            else:
                why = f"not valid {codec.upper()}, the encoding it declares (byte 0x{raw[bad.start]:02x}); save the file as UTF-8"
            problems.add(path, line, why)
            return None
    if not text.strip():
        problems.add(path, None, "file is empty")
        return None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        problems.add(path, line, "contains a NUL byte: this is not a text transcript")
        return None
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # Read in an 8-bit code page, "Ð“" is what Icelandic "AÐ“" writes, not "Г" read twice; UTF-8 read
    # as Windows-1252 and saved in it again would be bytes of UTF-8, read as UTF-8.
    if unicode and _MOJIBAKE.search(text):  # rare: the lines are looked at one by one only then
        lines = [unmangled(line) for line in lines]
    if _CONTROL.search(text):  # after the repair, which reads "â\x80\x99" as "’"
        lines = [_CONTROL.sub(" ", line) for line in lines]
    return Lines(path, tuple(lines))


def opening_and_size(raw: bytes) -> tuple[str, int]:
    """The file's first two non-blank characters and how many characters it holds, read off its bytes
    without decoding them all: a 50 MB file took 2 s to decode and split into lines, this 0.1 s."""
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    codec = _utf16(raw) or "utf-8"
    head = raw[:4096].decode(codec, "ignore").lstrip("\ufeff \t\r\n")
    opening = head[:1] + head[1:].lstrip()[:1]
    if codec == "utf-8":  # Windows-1252 text too: its few bytes of 0x80-0xbf go uncounted
        return opening, len(raw.translate(None, _CONTINUATION))
    return opening, len(raw) // (4 if codec == "utf-32" else 2)


_CONTINUATION = bytes(range(0x80, 0xC0))  # UTF-8's bytes that start no character


# The encoding an XML prolog (TTML, XHTML: <?xml version="1.0" encoding="ISO-8859-1"?>) or an HTML
# page's <meta charset> names, in the first bytes, where the file's bytes are not UTF-8 already.
_XML_ENCODING = re.compile(rb"^\s*<\?xml\s[^>]*?\bencoding\s*=\s*[\"']([A-Za-z0-9._:-]{1,40})[\"']")
_META_CHARSET = re.compile(rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?([A-Za-z0-9._:-]{1,40})", re.I)
# Latin-1 and ASCII labels mean Windows-1252, as browsers read them: Windows tools that say
# "ISO-8859-1" write curly quotes as 0x93 and 0x94, which Latin-1 makes control characters.
_WINDOWS_LABELS = frozenset({"latin_1", "ascii", "cp1252"})


def _declared(raw: bytes) -> str | None:
    """The codec the file's XML prolog or HTML <meta charset> declares, for bytes that are not UTF-8,
    if Python has it and it writes ASCII as ASCII (a UTF-16 file is told by its bytes); None for
    UTF-8 or none declared."""
    head = raw[:2048]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if not m:
        return None
    try:
        name = codecs.lookup(m[1].decode("ascii")).name
    except LookupError:
        return None
    if name.replace("-", "_") in _WINDOWS_LABELS or name in ("iso8859-1", "latin-1"):
        return "windows-1252"
    try:
        if name == "utf-8" or "<?xml encoding>".encode(name) != b"<?xml encoding>":
            return None
    except (LookupError, UnicodeError):
        return None
    return name


# Windows-1252 text in a Western European language has a few accented letters and curly quotes
# among ASCII (French 3-4 % of its letters, Portuguese 4-6 %); random bytes have half above 0x7F,
# and so does text in another 8-bit code page (Greek, Cyrillic), which Windows-1252 would show as
# Latin letters. A quarter of the non-blank bytes is well above the first and below the others.
_MOST_HIGH = 0.25
_WINDOWS_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")  # no text writes these; \f and \t are kept


# A character UTF-8 writes in two to four bytes. Windows-1252 text seldom holds one: "é" there is
# 0xE9 alone; "Ã©", its UTF-8 bytes read as Windows-1252, is what a damaged UTF-8 file holds.
_UTF8_CHAR = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _damaged_utf8(raw: bytes) -> bool:
    """Whether bytes that are not UTF-8 are UTF-8 with a byte gone wrong: half their bytes above 0x7F
    or more in UTF-8's characters (read in any 8-bit code page, each of those is mojibake)."""
    return 2 * sum(len(m) for m in _UTF8_CHAR.findall(raw)) >= sum(b > 0x7F for b in raw)


def _windows(raw: bytes) -> str | tuple[int, str] | None:
    """The bytes as Windows-1252 text (ISO-8859-1's letters at the same places), or as Mac Roman
    where that reads as words and Windows-1252 does not; None where they are not text in either: a
    byte Windows-1252 leaves undefined, a control byte, or too many bytes above 0x7F; or where they
    are UTF-8 with a byte gone wrong (half its bytes above 0x7F or more in UTF-8's characters): read
    as Windows-1252 every one of those would turn to mojibake ("itâ€™s"). Text that reads, but not
    as words, is (the byte offset of the first such word, why): another code page's text."""
    solid = len(raw) - sum(raw.count(c) for c in b" \t\r\n")
    high = sum(b > 0x7F for b in raw)
    if _WINDOWS_CONTROL.search(raw.decode("latin-1")) or high > _MOST_HIGH * solid:
        return None
    if _damaged_utf8(raw):
        return None
    try:
        text: str | None = raw.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    odd = _odd(text) if text is not None else []
    if odd or text is None:
        mac = raw.decode("mac_roman")
        if not _odd(mac) and len(_INWORD_ACCENT.findall(mac)) >= _MAC_SIGNS and not _foreign(mac):
            return mac
    if text is None:
        return None
    at = odd[0] if len(odd) >= _MAC_SIGNS else _foreign(text)
    if at is None:
        return text
    return at, f"not valid UTF-8, and read as Windows-1252 it has {_word(text, at)!r}, which is no word: is it in another encoding (Mac Roman, Cyrillic, Greek, Chinese)? Save the file as UTF-8"


# Mac Roman (older Mac tools' captions) keeps its accented letters at 0x80-0x9F, where Windows-1252
# has punctuation and rare letters: "Schöne Grüße" reads there "Schšne GrŸ§e", its quotes "itÕs".
# A sign of such a reading, which Western text does not write: a capital after a small letter
# ("GrŸ", "itÕs"), a small letter before a capital ("ìHello", Windows-1252's “ read as Mac Roman;
# "GROßE" and "20ºC" aside), a symbol inside a word ("Gr§e"; an apostrophe, a dash, Catalan's middle
# dot are at home there). Measured on 1,795 made SRT files (2 to 60 cues) of words drawn by their
# frequency (wordfreq) in French, German, Spanish, Portuguese, Icelandic, Italian, Catalan, Dutch,
# Swedish, Danish, Norwegian and Finnish, with curly quotes, dashes, ellipses, "20ºC" and Faker's
# names of 40 locales ("Dušek", "Štšerbakov"), a third of the lines in capitals: saved as
# Windows-1252, 4 had one sign (a name), none two, all were read as written; saved as Mac Roman,
# 972 had been read as mojibake and 823 refused (bytes Windows-1252 leaves undefined): now 1,327
# are read right, 389 refused, and 79 short ones (2-5 cues, one sign or none) still read as
# Windows-1252 shows them. One sign, or an undefined byte, with a Mac Roman reading that has none
# and two accented letters inside words, is Mac Roman; two signs and no such reading are refused.
_MAC_SIGNS = 2
_INWORD = "’‘´'`–—…·\xad-"
_NO_CAPITAL = "ßªºµ"  # "GROßE", "20ºC"
_INWORD_ACCENT = re.compile(r"(?<=[^\W\d_])[\u00e0-\u00ff](?=[^\W\d_])")


def _odd(text: str) -> list[int]:
    """Where the text has characters that Western text in this reading never writes."""
    found = []
    for m in re.finditer("[^\x00-\x7f]", text):
        i, c = m.start(), m[0]
        before, after = text[i - 1 : i] or " ", text[i + 1 : i + 2] or " "
        if (c.isupper() and before.islower()) or (c.islower() and c not in _NO_CAPITAL and after.isupper()) \
                or (not c.isalpha() and c not in _INWORD and before.isalpha() and after.isalpha()):
            found.append(i)
    return found


# A word of three characters or more, all above 0x7F ("Ìîñêâà", Москва in Windows-1251; "±±¾©", Chinese
# in GBK): among the 50,000 most frequent words of each of the twelve languages above, 12 are, each
# a letter said over ("ååå", "sååå" is not one) or named ("þýð", "åäö"); one letter said over is let be.
_FOREIGN_WORD = re.compile(r"(?<!\S)[^\sA-Za-z0-9]{3,}(?!\S)")
_EDGES = string.punctuation + "’‘“”„‚–—…«»‹›·´¿¡•°"


def _foreign(text: str) -> int | None:
    """Where the first such word starts."""
    for m in _FOREIGN_WORD.finditer(text):
        word = m[0].strip(_EDGES)
        if len(word) >= 3 and len(set(word.lower())) > 1 and not any(c.isascii() for c in word):
            return m.start() + m[0].index(word)
    return None


def _word(text: str, at: int) -> str:
    """The word around index ``at``, as a message quotes it."""
    start = max(text.rfind(c, 0, at) for c in " \t\n\r") + 1
    ends = [e for e in (text.find(c, at) for c in " \t\n\r") if e != -1]
    return text[start : min(ends, default=len(text))][:40]


# UTF-8 read as Windows-1252 (or Latin-1) and saved again as UTF-8: "it’s" became "itâ€™s".
# Every such character starts with one of these leads, followed by as many of the continuation
# bytes as UTF-8 gives it; a quick test before ftfy, which judges whether the line really is mojibake.
_CONT = "[\x80-\xbf" + re.escape(bytes(range(0x80, 0xA0)).decode("cp1252", "ignore")) + "]"  # as Latin-1, as Windows-1252
_MOJIBAKE = re.compile(f"[\u00c2-\u00df]{_CONT}|[\u00e0-\u00ef]{_CONT}{{2}}|[\u00f0-\u00f4]{_CONT}{{3}}")


def _utf16(raw: bytes) -> str | None:
    """The UTF-16 codec a file is saved in (Windows Notepad's "Unicode", some subtitle tools), or None.

    A byte-order mark says so outright. Without one, text in any Latin script has a zero byte in
    every other place (the high byte of each ASCII character): at least 40% of the first 400 bytes'
    odd or even places are zero and at most 10% of the others, where UTF-8 text has no zero byte.
    """
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):  # UTF-32's marks (some Windows tools'): "contains a NUL byte"
        return "utf-32"
    if raw.startswith(b"\xff\xfe"):
        return "utf-16-le"
    if raw.startswith(b"\xfe\xff"):
        return "utf-16-be"
    head = raw[: min(400, len(raw) & ~1)]
    if len(head) < 8:
        return None
    odd, even = head[1::2].count(0), head[0::2].count(0)
    if max(odd, even) < len(head) * 0.2 or min(odd, even) > len(head) * 0.05:
        return None
    return "utf-16-le" if odd > even else "utf-16-be"


def unmangled(line: str) -> str:
    """The line with any mojibake repaired (a publisher's source passed once through the wrong
    encoding), else the line itself. ftfy is imported only for a line that looks mangled."""
    if not _MOJIBAKE.search(line):
        return line
    import ftfy

    return ftfy.fix_encoding(line)


@dataclass(frozen=True)
class Reader:
    """A source format: its role name, how to recognise it, how to read it."""

    role: str
    detect: Callable[[Lines], bool]
    read: Callable[[Lines, Problems], Source | tuple[Source, ...] | None]  # several: one file holding several sources


# from a word's start, so a long word is read once, not once per letter (100 KB of letters: seconds)
_WRAPPED = re.compile(r"(?<!\w)(\w+-)$")
_HYPHENATED = re.compile(r"(?<!\w)\w+-\w+")
_JOINING = frozenset({"and", "or", "nor", "to", "vs", "versus"})


def hyphenated_words(lines: Iterable[str]) -> set[str]:
    """The hyphenated words a text writes whole ("pre-training"), lowercased, for ``wrap_glue``."""
    return {word.lower() for line in lines for word in _HYPHENATED.findall(line)}


def wrap_glue(text: str, line: str, hyphenated: set[str]) -> str:
    """What joins a hard-wrapped ``line`` to the tidied ``text`` above it: a space, or nothing where
    a word was wrapped at its hyphen ("pre-" / "training"), unless the text never writes it whole and
    the next word starts it again (a false start, "we-" / "we") or joins another to it (a suspended
    hyphen, "pre-" / "and post-training")."""
    if wrapped := _WRAPPED.search(text.rpartition(" ")[2]):  # its last word (tidied: one space between)
        head, after = wrapped[1].lower(), line.split()[0].lower()
        whole = (head + after).strip(".,;:?!\"'”’)") in hyphenated
        if whole or not (after.startswith(head[:-1]) or after in _JOINING):
            return ""
    return " "


def unmark(text: str) -> str:
    """Markdown emphasis, links and escapes removed: what a reader sees, not what the export typed."""
    # escaped characters are set aside first (as private-use characters), so "\\*" stays a star
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!])", lambda m: chr(0xE000 + ord(m[1])), text)
    # a label, a URL and an italic hold no bracket, parenthesis or mark of their own (a URL may
    # hold one pair: Wikipedia's "Foo_(bar)"), so each "[", "(" or "*" of a long run is read once:
    # "[[[…", "*x *x …" and "[a]([a](…" lines of 100 KB took minutes each
    text = re.sub(r"\[([^\[\]]*)\]\((?:[^()\s]|\([^()\s]*\))*\)", r"\1", text)  # [label](url) -> label
    text = text.replace("**", "").replace("__", "")
    text = re.sub(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])", r"\1", text)  # *italic*
    text = re.sub(r"(?<!\w)_(?=\S)([^_]+?)(?<=\S)_(?!\w)", r"\1", text)  # _italic_
    return re.sub("[\ue000-\ue07f]", lambda m: chr(ord(m[0]) - 0xE000), text)


# A tag the file's end cut off ("…without food.</p", "<spa"): html.parser gives it back as text
_CUT_TAG = re.compile(r"<(?:[/!?a-zA-Z][^<>]*)?\Z")


def markup(src: Lines) -> str:
    """An HTML source's text to parse, without a tag its end cut off (QA40 F4: "</p" was a word said).

    A "<" after the last ">" opens no tag, and html.parser gives it back as text once closed, but
    looks for its end through the rest of the file first: 100 KB of "<v " took minutes. Written
    "&lt;", it is the same text, read once."""
    text = _CUT_TAG.sub("", "\n".join(src.lines))
    end = text.rfind(">") + 1
    return text[:end] + text[end:].replace("<", "&lt;")


def one_at_a_time(segments: list[Segment]) -> list[Segment]:
    """Each segment ending where the next starts, if later. A rolling cue stays on screen while the
    next one starts, and a long cue may overlap an interjection ("Really?" at 0:12 inside 0:05-0:16):
    a transcript says one thing at a time, and the interjection keeps its own time."""
    for k in range(len(segments) - 1):
        seg, after = segments[k], segments[k + 1]
        if seg.end is not None and seg.start <= after.start < seg.end:
            segments[k] = replace(seg, end=after.start)
    return segments
