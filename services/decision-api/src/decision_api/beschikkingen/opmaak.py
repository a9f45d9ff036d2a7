"""The PDF of a beschikking, typeset directly (template version v2 onwards).

fpdf2's ``write_html`` (v1) spent ~25 ms of CPU per letter on generic HTML parsing and character-by-character
line breaking. The letter's HTML is ours and small (``p``, ``br``, ``b``, ``h1``, ``h2``, ``ul``, ``li``), so it
is read here with one regular expression into blocks of styled runs, broken into lines greedily by word with the
core fonts' width tables, and placed with ``FPDF.text``: the PDF says exactly what the HTML says (one template,
one source of text) at a fraction of the cost.

Deterministic: no clock, no randomness; the same fragment, title and date give the same bytes."""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
from dataclasses import dataclass, field
from typing import TypeAlias

from fpdf import FPDF
from fpdf.fonts import CORE_FONTS_CHARWIDTHS

# Points throughout (A4, 20 mm margins).
_BREEDTE, _HOOGTE = 595.28, 841.89
_MARGE = 56.69
_REGELBREEDTE = _BREEDTE - 2 * _MARGE
_ONDERGRENS = _HOOGTE - _MARGE
_TEKST = 10.0
_INSPRINGING = 14.0  # list items: the bullet in the margin of their text


@dataclass(frozen=True)
class _Stijl:
    grootte: float
    regelhoogte: float
    witruimte_voor: float
    vet: bool = False
    kleur: tuple[int, int, int] | None = None


_STIJLEN = {
    "p": _Stijl(_TEKST, 12.0, 8.0),
    "li": _Stijl(_TEKST, 12.0, 3.0),
    "h1": _Stijl(20.0, 24.0, 14.0, kleur=(150, 0, 0)),
    "h2": _Stijl(13.0, 16.0, 12.0, vet=True, kleur=(150, 0, 0)),
}
# Character widths in thousandths of the font size: a word is measured with one sum over a table.
_BREEDTES = {
    False: {c: float(w) for c, w in CORE_FONTS_CHARWIDTHS["helvetica"].items()},
    True: {c: float(w) for c, w in CORE_FONTS_CHARWIDTHS["helveticaB"].items()},
}
_SPATIE = _BREEDTES[False][" "] / 1000  # the same in bold
_OPSOMMINGSTEKEN = "\x95"  # the bullet of WinAnsiEncoding, the core fonts' encoding

# A tag (only names, the templates carry no attributes) or the text between tags.
_TOKEN = re.compile(r"<(/?)([a-z0-9]+)\s*/?>|([^<]+)")
_WIT = re.compile(r"\s+")

_Woord: TypeAlias = list[tuple[str, bool]]  # a word's pieces: text and whether bold
_REGELEINDE: _Woord = []  # <br>: the empty word, which no text produces


@dataclass
class _Blok:
    soort: str
    woorden: list[_Woord] = field(default_factory=list)


def _blokken(fragment: str) -> list[_Blok]:
    """The block elements of the fragment in order, each as words of styled pieces (HTML white space rules:
    runs of white space are one space, white space at the start and end of a block is none)."""
    blokken: list[_Blok] = []
    blok: _Blok | None = None
    vet = False
    woord: _Woord = []
    for m in _TOKEN.finditer(fragment):
        sluit, tag, tekst = m.groups()
        if tekst is not None:
            if blok is None:
                if not tekst.strip():
                    continue  # white space between blocks
                blok = _Blok("p")  # stray text: kept, as a paragraph
                blokken.append(blok)
            delen = _WIT.split(html.unescape(tekst))
            for i, deel in enumerate(delen):
                if i and woord:  # white space ended the word
                    blok.woorden.append(woord)
                    woord = []
                if deel:
                    woord.append((deel, vet))
        elif tag == "b" or tag == "strong":
            vet = not sluit
        elif tag == "br":
            if blok is not None:
                if woord:
                    blok.woorden.append(woord)
                    woord = []
                blok.woorden.append(_REGELEINDE)
        elif tag in _STIJLEN:
            if blok is not None and woord:
                blok.woorden.append(woord)
            woord = []
            blok = None if sluit else _Blok(tag)
            if blok is not None:
                blokken.append(blok)
    if blok is not None and woord:
        blok.woorden.append(woord)
    return blokken


@functools.lru_cache(maxsize=8192)
def _breedte(tekst: str, vet: bool) -> float:
    """The width of a word or run in ems (the same words come back in every letter: measured once)."""
    return sum(map(_BREEDTES[vet].__getitem__, tekst)) / 1000


def _splits_te_lang(woord: _Woord, max_breedte: float) -> list[_Woord]:
    """A word wider than the line (a long reference, say) is cut between characters, as a browser would."""
    stukken: list[_Woord] = []
    stuk: _Woord = []
    breedte = 0.0
    for tekst, vet in woord:
        for c in tekst:
            w = _BREEDTES[vet][c] / 1000
            if stuk and breedte + w > max_breedte:
                stukken.append(stuk)
                stuk, breedte = [], 0.0
            if stuk and stuk[-1][1] == vet:
                stuk[-1] = (stuk[-1][0] + c, vet)
            else:
                stuk.append((c, vet))
            breedte += w
    if stuk:
        stukken.append(stuk)
    return stukken


def _regels(woorden: list[_Woord], grootte: float, max_breedte: float) -> list[list[_Woord]]:
    """Greedy line breaking at the spaces: as many words on a line as fit."""
    regels: list[list[_Woord]] = []
    regel: list[_Woord] = []
    breedte = 0.0
    max_em = max_breedte / grootte
    for woord in woorden:
        if woord is _REGELEINDE:
            regels.append(regel)
            regel, breedte = [], 0.0
            continue
        w = _breedte(*woord[0]) if len(woord) == 1 else sum(_breedte(tekst, vet) for tekst, vet in woord)
        if regel and breedte + _SPATIE + w > max_em:
            regels.append(regel)
            regel, breedte = [], 0.0
        if w > max_em:
            *volle, woord = _splits_te_lang(woord, max_em)
            regels.extend([stuk] for stuk in volle)
            w = sum(_breedte(tekst, vet) for tekst, vet in woord)
        breedte += w + (_SPATIE if regel else 0.0)
        regel.append(woord)
    if regel:
        regels.append(regel)
    return regels


def _stukken(regel: list[_Woord]) -> list[tuple[str, bool]]:
    """A line as runs of one style each (the spaces between words join the run they are in)."""
    stukken: list[tuple[str, bool]] = []
    for i, woord in enumerate(regel):
        for j, (tekst, vet) in enumerate(woord):
            if i and not j:
                tekst = " " + tekst
            if stukken and stukken[-1][1] == vet:
                stukken[-1] = (stukken[-1][0] + tekst, vet)
            else:
                stukken.append((tekst, vet))
    return stukken


class _Zetter:
    def __init__(self, pdf: FPDF) -> None:
        self.pdf = pdf
        self.y = _MARGE
        self.vet = False
        self.grootte = _TEKST

    def _lettertype(self, vet: bool, grootte: float) -> None:
        if (vet, grootte) != (self.vet, self.grootte):
            self.pdf.set_font("Helvetica", "B" if vet else "", grootte)
            self.vet, self.grootte = vet, grootte

    def _ruimte(self, hoogte: float) -> None:
        if self.y + hoogte > _ONDERGRENS:
            self.pdf.add_page()
            self.y = _MARGE

    def blok(self, blok: _Blok, eerste: bool) -> None:
        stijl = _STIJLEN[blok.soort]
        links = _MARGE + (_INSPRINGING if blok.soort == "li" else 0.0)
        regels = _regels(blok.woorden, stijl.grootte, _MARGE + _REGELBREEDTE - links)
        if not eerste:
            self.y += stijl.witruimte_voor
        # A heading is not left alone at the foot of a page.
        self._ruimte(stijl.regelhoogte * (2 if blok.soort in ("h1", "h2") else 1))
        if blok.soort in ("h1", "h2"):
            self.pdf.set_y(self.y)
            tekst = " ".join("".join(t for t, _ in woord) for woord in blok.woorden if woord)
            self.pdf.start_section(tekst, level=0 if blok.soort == "h1" else 1, strict=False)
        if stijl.kleur:
            self.pdf.set_text_color(*stijl.kleur)
        for n, regel in enumerate(regels):
            if n:
                self._ruimte(stijl.regelhoogte)
            basislijn = self.y + 0.8 * stijl.grootte
            if blok.soort == "li" and not n:
                self._lettertype(False, stijl.grootte)
                self.pdf.text(links - _INSPRINGING + 4.0, basislijn, _OPSOMMINGSTEKEN)
            x = links
            for tekst, vet in _stukken(regel):
                self._lettertype(vet or stijl.vet, stijl.grootte)
                self.pdf.text(x, basislijn, tekst)
                x += _breedte(tekst, vet or stijl.vet) * stijl.grootte
            self.y += stijl.regelhoogte
        if stijl.kleur:
            self.pdf.set_text_color(0)


def pdf(fragment: str, titel: str, datum: dt.date, sjabloon: str) -> bytes:
    """The letter's HTML fragment (already Latin-1: the core fonts' range) as an A4 PDF."""
    document = FPDF(unit="pt", format="A4")
    document.set_title(titel)
    document.set_lang("nl")
    document.set_creator("Open Bbz decision-api")
    document.set_keywords(sjabloon)  # the template version travels with the file
    # A fixed creation date (the decision date) keeps the document, and so its checksum, reproducible.
    document.set_creation_date(dt.datetime.combine(datum, dt.time(0, 0), tzinfo=dt.UTC))
    document.set_auto_page_break(False)  # pages are broken here, line by line
    document.add_page()
    document.set_font("Helvetica", size=_TEKST)
    zetter = _Zetter(document)
    for i, blok in enumerate(_blokken(fragment)):
        zetter.blok(blok, eerste=not i)
    return bytes(document.output())
