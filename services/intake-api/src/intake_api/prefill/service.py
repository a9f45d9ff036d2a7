"""Prefill: read the registers once (through the registers-adapter) and lay the values onto the form."""

from __future__ import annotations

import httpx

from intake_api.prefill import mapping
from intake_api.prefill.client import bbz_gegevens
from intake_api.prefill.schemas import Bronwaarde, Huishouden, PrefillAntwoord, PrefillVerzoek, RegisterWaarde


def _bronwaarde(value: RegisterWaarde | None) -> Bronwaarde | None:
    return Bronwaarde(waarde=value.waarde, bron=value.bron) if value is not None else None


async def prefill(client: httpx.AsyncClient, verzoek: PrefillVerzoek, namens: str) -> PrefillAntwoord:
    gegevens = await bbz_gegevens(client, verzoek, namens)
    h = gegevens.huishouden
    woont_in_gemeente = None
    if verzoek.gemeentecode is not None and gegevens.persoon.gemeentecode is not None:
        woont_in_gemeente = Bronwaarde(
            waarde=gegevens.persoon.gemeentecode.waarde == verzoek.gemeentecode,
            bron=gegevens.persoon.gemeentecode.bron,
        )
    return PrefillAntwoord(
        peildatum=gegevens.peildatum,
        persoonGevonden=gegevens.persoon.gevonden,
        ondernemingGevonden=gegevens.onderneming.gevonden if gegevens.onderneming is not None else None,
        velden=[
            *mapping.persoon_velden(gegevens),
            *mapping.partner_velden(gegevens),
            *mapping.onderneming_velden(gegevens),
            *mapping.inkomen_velden(gegevens),
            *mapping.overig_velden(gegevens),
        ],
        huishouden=Huishouden(
            heeftPartner=_bronwaarde(h.heeftPartner),
            aantalKinderen=_bronwaarde(h.aantalKinderen),
            aantalMedebewoners=_bronwaarde(h.aantalMedebewoners),
            aantalMedebewoners21Plus=_bronwaarde(h.aantalMedebewoners21Plus),
            aantalMedebewoners21PlusMetStudiefinanciering=_bronwaarde(h.aantalMedebewoners21PlusMetStudiefinanciering),
        ),
        woontInGemeente=woont_in_gemeente,
    )
