"""Beschikking documents from templates (Dutch text), as HTML and as PDF (fpdf2: pure Python, no binaries)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fpdf import FPDF
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

SJABLONEN = Path(__file__).resolve().parent / "sjablonen"
SJABLOONVERSIE = "v1"

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


def sjabloonversie(besluittype: str) -> str:
    """The template and its version, as recorded with the beschikking."""
    return f"{besluittype}-{SJABLOONVERSIE}"


def render(besluittype: str, context: dict[str, Any], datum: dt.date) -> Document:
    fragment = _env.get_template(sjabloon_voor(besluittype)).render(**context)
    html = (
        '<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{context['titel']}</title>\n"
        "<style>body{font-family:sans-serif;max-width:42em;margin:2em auto;line-height:1.4}</style>\n"
        f"</head>\n<body>\n{fragment}\n</body>\n</html>\n"
    )
    pdf = _pdf(fragment, str(context["titel"]), datum)
    return Document(
        sjabloon=sjabloonversie(besluittype),
        html=html,
        html_sha256=hashlib.sha256(html.encode()).hexdigest(),
        pdf=pdf,
        pdf_sha256=hashlib.sha256(pdf).hexdigest(),
    )


# The PDF core fonts speak Latin-1: the few characters beyond it get a faithful substitute.
_LATIN1 = str.maketrans({"€": "EUR", "‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "..."})


def _pdf(fragment: str, titel: str, datum: dt.date) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_title(titel)
    pdf.set_lang("nl")
    pdf.set_creator("Open Bbz decision-api")
    # A fixed creation date (the decision date) keeps the document, and so its checksum, reproducible.
    pdf.set_creation_date(dt.datetime.combine(datum, dt.time(0, 0), tzinfo=dt.UTC))
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    text = fragment.translate(_LATIN1).encode("latin-1", errors="replace").decode("latin-1")
    pdf.write_html(text)
    return bytes(pdf.output())
