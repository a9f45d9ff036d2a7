"""Where each register value goes in the form: one table, readable next to shared/domain/model-form.md."""

from __future__ import annotations

import unicodedata
from typing import Any

from intake_api.prefill.schemas import PrefillVeld, RegisterGegevens, RegisterWaarde

NEDERLANDS = "nederlandse"
GESLACHTEN = ("man", "vrouw", "anders")  # P6's options; the BRP's "onbekend" is left for the applicant

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
    if p.voorletters is not None and p.voorletters.waarde:
        velden.append(_veld("personalia.voorletters", "P2", p.voorletters.waarde, p.voorletters))
    elif p.voornamen is not None and isinstance(p.voornamen.waarde, str):
        velden.append(_veld("personalia.voorletters", "P2", voorletters(p.voornamen.waarde), p.voornamen))
    if p.voorvoegsel is not None and p.voorvoegsel.waarde:
        velden.append(_veld("personalia.voorvoegsel", "P3", p.voorvoegsel.waarde, p.voorvoegsel))
    if p.geslachtsnaam is not None:
        velden.append(_veld("personalia.achternaam", "P4", p.geslachtsnaam.waarde, p.geslachtsnaam))
    if p.geboortedatum is not None:
        velden.append(_veld("personalia.geboortedatum", "P5", p.geboortedatum.waarde, p.geboortedatum))
    if p.geslacht is not None and p.geslacht.waarde in GESLACHTEN:
        velden.append(_veld("personalia.geslacht", "P6", p.geslacht.waarde, p.geslacht))
    if p.nationaliteit is not None and isinstance(p.nationaliteit.waarde, str):
        nederlands = _plain(p.nationaliteit.waarde) == NEDERLANDS
        velden.append(_veld("personalia.nederlandseNationaliteit", "P7", nederlands, p.nationaliteit))
        if not nederlands:  # C1: P7 is asked only when the nationality is not Dutch
            velden.append(_veld("personalia.nationaliteit", "P7", p.nationaliteit.waarde, p.nationaliteit))
    if p.verblijfstitel is not None and p.verblijfstitel.waarde:
        velden.append(_veld("verblijfstitel.heeftVerblijfstitel", "P11", True, p.verblijfstitel))
        velden.append(_veld("verblijfstitel.soort", "P12", p.verblijfstitel.waarde, p.verblijfstitel))
    if p.adres is not None and isinstance(p.adres.waarde, dict):
        velden.append(_veld("adres.soortAdres", "P14", "inschrijvingsadres", p.adres))
        velden.extend(adres_velden("adres", ("P15", "P16", "P17", "P18", "P19"), p.adres))
    return velden


def adres_velden(prefix: str, vraag_ids: tuple[str, str, str, str, str], adres: RegisterWaarde) -> list[PrefillVeld]:
    """Street, number, addition, postcode and town (P15-P19 or O12-O16) from a register address."""
    a: dict[str, Any] = adres.waarde
    velden = []
    for veld, vraag_id, keys in (
        ("straatnaam", vraag_ids[0], ("straatnaam", "straat")),
        ("huisnummer", vraag_ids[1], ("huisnummer",)),
        ("postcode", vraag_ids[3], ("postcode",)),
        ("plaats", vraag_ids[4], ("woonplaats", "plaats")),
    ):
        value = next((a[k] for k in keys if a.get(k) not in (None, "")), None)
        if value is not None:
            velden.append(_veld(f"{prefix}.{veld}", vraag_id, value, adres))
    toevoeging = "".join(str(a.get(k) or "") for k in ("huisletter", "huisnummertoevoeging")).strip()
    if toevoeging:
        velden.append(_veld(f"{prefix}.huisnummertoevoeging", vraag_ids[2], toevoeging, adres))
    return velden


def _slug(text: str) -> str:
    return "-".join(_plain(text).split())


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
    if o.vestigingsadres is not None and isinstance(o.vestigingsadres.waarde, dict):
        velden.extend(
            adres_velden("onderneming.vestigingsadres", ("O12", "O13", "O14", "O15", "O16"), o.vestigingsadres)
        )
    return velden


def partner_velden(gegevens: RegisterGegevens) -> list[PrefillVeld]:
    """P25, and the partner's personalia (P26) where the BRP records a partner."""
    h = gegevens.huishouden.heeftPartner
    velden = [_veld("partner.heeftPartner", "P25", h.waarde, h)] if h is not None else []
    p = gegevens.partner
    if p is None:
        return velden
    velden.append(
        _veld("partner.personalia.burgerservicenummer", "P26", p.burgerservicenummer.waarde, p.burgerservicenummer)
    )
    if p.voorletters is not None and p.voorletters.waarde:
        velden.append(_veld("partner.personalia.voorletters", "P26", p.voorletters.waarde, p.voorletters))
    elif p.voornamen is not None and isinstance(p.voornamen.waarde, str):
        velden.append(_veld("partner.personalia.voorletters", "P26", voorletters(p.voornamen.waarde), p.voornamen))
    if p.voorvoegsel is not None and p.voorvoegsel.waarde:
        velden.append(_veld("partner.personalia.voorvoegsel", "P26", p.voorvoegsel.waarde, p.voorvoegsel))
    if p.geslachtsnaam is not None:
        velden.append(_veld("partner.personalia.achternaam", "P26", p.geslachtsnaam.waarde, p.geslachtsnaam))
    if p.geboortedatum is not None:
        velden.append(_veld("partner.personalia.geboortedatum", "P26", p.geboortedatum.waarde, p.geboortedatum))
    if p.geslacht is not None and p.geslacht.waarde in GESLACHTEN:
        velden.append(_veld("partner.personalia.geslacht", "P26", p.geslacht.waarde, p.geslacht))
    return velden


def inkomen_velden(gegevens: RegisterGegevens) -> list[PrefillVeld]:
    """I6-I9 (current income outside the business) and I14-I15 (work history) from Suwinet."""
    i = gegevens.inkomsten
    if i is None:
        return []
    velden: list[PrefillVeld] = []
    if i.aanvrager is not None and isinstance(i.aanvrager.waarde, list):
        items = [x for x in i.aanvrager.waarde if isinstance(x, dict)]
        velden.append(_veld("inkomen.inkomstenUitArbeidOfUitkering", "I6", bool(items), i.aanvrager))
        if items:
            posten = [
                {
                    "soort": _slug(str(x.get("soortInkomsten", ""))),
                    "periode": _slug(str(x.get("periode", ""))),
                    "nettoBedrag": x.get("nettoBedrag"),
                }
                for x in items
            ]
            velden.append(_veld("inkomen.inkomstenArbeidOfUitkering", "I7-I9", posten, i.aanvrager))
    if i.arbeidsverleden is not None and isinstance(i.arbeidsverleden.waarde, list) and i.arbeidsverleden.waarde:
        verleden = [
            {
                "omschrijving": " bij ".join(str(x[k]) for k in ("soortInkomsten", "instantie") if x.get(k)),
                "periode": {"van": x.get("ingangsdatum"), "tot": x.get("einddatum")},
            }
            for x in i.arbeidsverleden.waarde
            if isinstance(x, dict)
        ]
        velden.append(_veld("inkomen.arbeidsverleden", "I14-I15", verleden, i.arbeidsverleden))
    return velden


def overig_velden(gegevens: RegisterGegevens) -> list[PrefillVeld]:
    """OV4: the municipality knows whether it paid Tozo (T22: prefill it and let the applicant verify)."""
    g = gegevens.gemeentelijkeRegistratie
    if g is None or g.tozoOntvangen is None or not isinstance(g.tozoOntvangen.waarde, bool):
        return []
    return [_veld("overig.tozoOntvangen", "OV4", g.tozoOntvangen.waarde, g.tozoOntvangen)]
