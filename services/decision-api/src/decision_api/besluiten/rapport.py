"""The report of an automatic grant (seed 001: "automatisch een rapport genereren"): which rules held, and per
legal condition the finding and what it rests on. On the green route the applicant's statements are trusted
(vertrouwensbeginsel) and checked afterwards by the random sample; the report says so where that is the basis."""

from __future__ import annotations

from typing import Any, NamedTuple

from decision_api.bevindingen.schemas import Voorwaarde

VERKLARING = (
    "verklaring van de aanvrager op het aanvraagformulier (vertrouwensbeginsel); controle achteraf (steekproef)"
)

# Per condition: the routing rules (seed 001 ids) that read it, and the basis when no rule does.
GROENE_GRONDSLAG: dict[Voorwaarde, tuple[tuple[str, ...], str]] = {
    Voorwaarde.NATIONALITEIT_VERBLIJF: (("G1",), "BRP-inschrijving in de gemeente (registers-adapter); " + VERKLARING),
    Voorwaarde.LEEFTIJD: (("G1",), "geboortedatum uit de BRP (registers-adapter)"),
    Voorwaarde.URENCRITERIUM: (("G1",), VERKLARING),
    Voorwaarde.KVK_INSCHRIJVING: (("G10a",), "inschrijving in het Handelsregister (KVK, registers-adapter)"),
    Voorwaarde.INKOMEN: (("G2", "G10b"), VERKLARING),
    Voorwaarde.VOORLIGGENDE_VOORZIENINGEN: ((), VERKLARING),
    Voorwaarde.UITSLUITINGSGRONDEN: (("G1",), VERKLARING),
    Voorwaarde.IDENTITEITSDOCUMENT: (
        (),
        "persoon geverifieerd in de BRP bij het indienen; het identiteitsbewijs wordt bij de steekproef gecontroleerd",
    ),
}


class GroeneBevinding(NamedTuple):
    """A finding of an automatic grant as its beschikking shows it (the row itself is written as a plain row)."""

    voorwaarde: str
    uitkomst: str
    grondslag: str


def groene_bevindingen(regels: list[dict[str, Any]]) -> list[dict[str, str]]:
    held = {r["regel"]: r for r in regels if r.get("uitkomst") == "voldaan"}
    out = []
    for voorwaarde, (rule_ids, basis) in GROENE_GRONDSLAG.items():
        used = [held[r] for r in rule_ids if r in held]
        grondslag = basis if not used else basis + "; " + "; ".join(f"{r['regel']}: {r['toelichting']}" for r in used)
        out.append({"voorwaarde": voorwaarde.value, "uitkomst": "voldaan", "grondslag": grondslag})
    return out
