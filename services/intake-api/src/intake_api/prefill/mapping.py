"""Where each register value goes in the form: one table, readable next to shared/domain/model-form.md."""

from __future__ import annotations

import unicodedata
from typing import Any

from intake_api.prefill.schemas import PrefillVeld, RegisterGegevens, RegisterWaarde

NEDERLANDS = "nederlandse"

# KVK's legal-form names onto the form's options (O5/O21/O36). Other legal forms are not on the form.
RECHTSVORMEN = {
    "eenmanszaak": "eenmanszaak",
    "vennootschap onder firma": "vennootschap-onder-firma",
    "commanditaire vennootschap": "commanditaire-vennootschap",
    "maatschap": "maatschap",
    "besloten vennootschap": "besloten-vennootschap",
    "cooperatie": "cooperatie",
}


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip().lower()


def voorletters(voornamen: str) -> str:
    """P2 from the BRP first names: "Jan Pieter" -> "J.P."."""
    return "".join(f"{naam[0].upper()}." for naam in voornamen.split() if naam)


def _veld(pad: str, vraag_id: str, waarde: Any, bron: RegisterWaarde) -> PrefillVeld:
    return PrefillVeld(pad=pad, vraagId=vraag_id, waarde=waarde, bron=bron.bron)


def persoon_velden(gegevens: RegisterGegevens) -> list[PrefillVeld]:
    p = gegevens.persoon
    velden: list[PrefillVeld] = []
    if p.voornamen is not None and isinstance(p.voornamen.waarde, str):
        velden.append(_veld("personalia.voorletters", "P2", voorletters(p.voornamen.waarde), p.voornamen))
    if p.voorvoegsel is not None and p.voorvoegsel.waarde:
        velden.append(_veld("personalia.voorvoegsel", "P3", p.voorvoegsel.waarde, p.voorvoegsel))
    if p.geslachtsnaam is not None:
        velden.append(_veld("personalia.achternaam", "P4", p.geslachtsnaam.waarde, p.geslachtsnaam))
    if p.geboortedatum is not None:
        velden.append(_veld("personalia.geboortedatum", "P5", p.geboortedatum.waarde, p.geboortedatum))
    if p.geslacht is not None and p.geslacht.waarde in ("man", "vrouw", "anders"):
        velden.append(_veld("personalia.geslacht", "P6", p.geslacht.waarde, p.geslacht))
    if p.nationaliteit is not None and isinstance(p.nationaliteit.waarde, str):
        nederlands = _plain(p.nationaliteit.waarde) == NEDERLANDS
        velden.append(_veld("personalia.nederlandseNationaliteit", "P7", nederlands, p.nationaliteit))
        if not nederlands:  # C1: P7 is asked only when the nationality is not Dutch
            velden.append(_veld("personalia.nationaliteit", "P7", p.nationaliteit.waarde, p.nationaliteit))
    if p.adres is not None and isinstance(p.adres.waarde, dict):
        velden.extend(adres_velden(p.adres))
    return velden


def adres_velden(adres: RegisterWaarde) -> list[PrefillVeld]:
    """P14-P19: the BRP address is the registered address (inschrijvingsadres)."""
    a: dict[str, Any] = adres.waarde
    velden = [_veld("adres.soortAdres", "P14", "inschrijvingsadres", adres)]
    for pad, vraag_id, keys in (
        ("adres.straatnaam", "P15", ("straatnaam", "straat")),
        ("adres.huisnummer", "P16", ("huisnummer",)),
        ("adres.postcode", "P18", ("postcode",)),
        ("adres.plaats", "P19", ("woonplaats", "plaats")),
    ):
        value = next((a[k] for k in keys if a.get(k) not in (None, "")), None)
        if value is not None:
            velden.append(_veld(pad, vraag_id, value, adres))
    toevoeging = "".join(str(a.get(k) or "") for k in ("huisletter", "huisnummertoevoeging")).strip()
    if toevoeging:
        velden.append(_veld("adres.huisnummertoevoeging", "P17", toevoeging, adres))
    return velden


def onderneming_velden(gegevens: RegisterGegevens) -> list[PrefillVeld]:
    """O1-O6 (gevestigd), O17-O22 (beëindiging), O33-O37 (starter, ingeschreven): one block in the form."""
    o = gegevens.onderneming
    if o is None or not o.gevonden:
        return []
    velden: list[PrefillVeld] = []
    if o.kvkNummer:
        gevonden = RegisterWaarde(waarde=o.kvkNummer, bron="KVK")
        velden.append(_veld("onderneming.kvkNummer", "O1/O17/O33", o.kvkNummer, gevonden))
    if o.naam is not None:
        velden.append(_veld("onderneming.handelsnaam", "O2/O18/O34", o.naam.waarde, o.naam))
    if o.datumInschrijving is not None and o.datumInschrijving.waarde:
        velden.append(
            _veld("onderneming.datumInschrijving", "O3/O19/O35", o.datumInschrijving.waarde, o.datumInschrijving)
        )
    if o.datumAanvang is not None and o.datumAanvang.waarde:
        velden.append(_veld("onderneming.datumVestiging", "O4/O20/O29", o.datumAanvang.waarde, o.datumAanvang))
    if o.rechtsvorm is not None and isinstance(o.rechtsvorm.waarde, str):
        optie = RECHTSVORMEN.get(_plain(o.rechtsvorm.waarde))
        if optie is not None:
            velden.append(_veld("onderneming.rechtsvorm", "O5/O21/O36", optie, o.rechtsvorm))
    if o.sbiCodes is not None and o.sbiCodes.waarde:
        velden.append(_veld("onderneming.sbiCodes", "O6/O22/O37", o.sbiCodes.waarde, o.sbiCodes))
    return velden


def partner_velden(gegevens: RegisterGegevens) -> list[PrefillVeld]:
    h = gegevens.huishouden.heeftPartner
    return [_veld("partner.heeftPartner", "P25", h.waarde, h)] if h is not None else []
