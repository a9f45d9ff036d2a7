"""Beschikking documents from templates (Dutch text), as HTML and as PDF (fpdf2: pure Python, no binaries)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fpdf import FPDF
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from decision_api.beschikkingen import opmaak

SJABLONEN = Path(__file__).resolve().parent / "sjablonen"
# The version new beschikkingen record. A version is a promise about the bytes: a letter is rendered with the
# version recorded at its decision, so every version still recorded on an unrendered letter keeps its renderer.
# v1: the PDF by fpdf2's write_html (~25 ms CPU a letter). v2: the same text, typeset directly (opmaak, ~2 ms).
# The HTML is the same in both.
SJABLOONVERSIE = "v2"
SJABLOONVERSIES = ("v1", "v2")

_env = Environment(
    loader=FileSystemLoader(SJABLONEN),
    autoescape=select_autoescape(["html", "j2"], default=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)

_MAANDEN = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def datum_nl(value: dt.date) -> str:
    return f"{value.day} {_MAANDEN[value.month - 1]} {value.year}"


def bedrag_nl(cents: int) -> str:
    euros, rest = divmod(cents, 100)
    return f"€ {euros:,}".replace(",", ".") + f",{rest:02d}"


@dataclass(frozen=True)
class Document:
    sjabloon: str
    html: str
    html_sha256: str
    pdf: bytes
    pdf_sha256: str


def sjabloon_voor(besluittype: str) -> str:
    return f"{besluittype}.html.j2"


def sjabloonversie(besluittype: str, versie: str = SJABLOONVERSIE) -> str:
    """The template and its version, as recorded with the beschikking."""
    return f"{besluittype}-{versie}"


def versie_van(besluittype: str, sjabloon: str) -> str | None:
    """The version of a recorded template, if this code renders it (None: another type, or an unknown version)."""
    for versie in SJABLOONVERSIES:
        if sjabloon == sjabloonversie(besluittype, versie):
            return versie
    return None


def vastgelegd(inhoud: dict[str, Any], besluittype: str, datum: dt.date, sjabloon: str) -> Document:
    """A letter whose content was fixed with its decision, rendered with the template version recorded then,
    never silently a newer one. A module-level function of this light module: the renderer's processes
    import only this module (fpdf, jinja2), not the service."""
    versie = versie_van(besluittype, sjabloon)
    if versie is None:
        raise RuntimeError(f"recorded template {sjabloon} is not one this version renders")
    return render(besluittype, inhoud, datum, versie)


def render(besluittype: str, context: dict[str, Any], datum: dt.date, versie: str = SJABLOONVERSIE) -> Document:
    if versie not in SJABLOONVERSIES:
        raise ValueError(f"unknown template version {versie}")
    fragment = _env.get_template(sjabloon_voor(besluittype)).render(**context)
    html = (
        '<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{context['titel']}</title>\n"
        "<style>body{font-family:sans-serif;max-width:42em;margin:2em auto;line-height:1.4}</style>\n"
        f"</head>\n<body>\n{fragment}\n</body>\n</html>\n"
    )
    sjabloon = sjabloonversie(besluittype, versie)
    titel = str(context["titel"])
    pdf = (
        _pdf_v1(_latin1(fragment), titel, datum)
        if versie == "v1"
        else opmaak.pdf(_latin1(fragment), titel, datum, sjabloon)
    )
    return Document(
        sjabloon=sjabloon,
        html=html,
        html_sha256=hashlib.sha256(html.encode()).hexdigest(),
        pdf=pdf,
        pdf_sha256=hashlib.sha256(pdf).hexdigest(),
    )


# The PDF core fonts speak Latin-1: the few characters beyond it get a faithful substitute.
_LATIN1 = {"€": "EUR", "‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "..."}


def _latin1(fragment: str) -> str:
    # str.replace per character, not str.translate with a mapping: the same text, a tenth of the CPU.
    for teken, vervanging in _LATIN1.items():
        if teken in fragment:
            fragment = fragment.replace(teken, vervanging)
    return fragment.encode("latin-1", errors="replace").decode("latin-1")


def _pdf_v1(text: str, titel: str, datum: dt.date) -> bytes:
    """Template version v1 (kept unchanged: letters decided under v1 and not yet rendered render with it)."""
    pdf = FPDF(format="A4")
    pdf.set_title(titel)
    pdf.set_lang("nl")
    pdf.set_creator("Open Bbz decision-api")
    # A fixed creation date (the decision date) keeps the document, and so its checksum, reproducible.
    pdf.set_creation_date(dt.datetime.combine(datum, dt.time(0, 0), tzinfo=dt.UTC))
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.write_html(text)
    return bytes(pdf.output())
