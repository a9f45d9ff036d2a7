"""Assemble the Bbz look-up from the registers, minimised, and log every read as a processing record.

Privacy rule of the model form: of co-residents only the number (and whether aged 21+) leaves the
adapter, never their person lists."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.auth import Principal
from bbz_common.db import utcnow
from registers_adapter.bbz_gegevens.schemas import (
    BbzGegevens,
    BbzGegevensVerzoek,
    Bron,
    Huishouden,
    Onderneming,
    Persoon,
    Waarde,
)
from registers_adapter.personas import store
from registers_adapter.verwerkingen.service import ProcessingLog


def _age_on(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _kvk_date(value: str | None) -> str | None:
    return dt.datetime.strptime(value, "%Y%m%d").date().isoformat() if value else None


async def lookup(
    session: AsyncSession, verzoek: BbzGegevensVerzoek, caller: Principal, pseudonym_key: str
) -> BbzGegevens:
    log = ProcessingLog(session, caller=caller, verzoek=verzoek, pseudonym_key=pseudonym_key)
    peildatum = utcnow().date()

    started = utcnow()
    record = store.persoon(verzoek.burgerservicenummer)
    brp: dict[str, Any] | None = record["brp"] if record else None
    persoon = Persoon(gevonden=brp is not None)
    huishouden = Huishouden()
    if brp is not None:
        persoon = Persoon(
            gevonden=True,
            voornamen=Waarde(waarde=brp["voornamen"], bron=Bron.BRP),
            voorvoegsel=Waarde(waarde=brp["voorvoegsel"], bron=Bron.BRP) if brp["voorvoegsel"] else None,
            geslachtsnaam=Waarde(waarde=brp["geslachtsnaam"], bron=Bron.BRP),
            geboortedatum=Waarde(waarde=brp["geboortedatum"], bron=Bron.BRP),
            nationaliteit=Waarde(waarde=brp["nationaliteit"], bron=Bron.BRP),
            gemeentecode=Waarde(waarde=brp["gemeentecode"], bron=Bron.BRP),
            adres=Waarde(waarde=brp["adres"], bron=Bron.BRP),
        )
        medebewoners = brp.get("medebewoners", [])
        huishouden = Huishouden(
            heeftPartner=Waarde(waarde=brp.get("partner") is not None, bron=Bron.BRP),
            aantalKinderen=Waarde(waarde=len(brp.get("kinderen", [])), bron=Bron.BRP),
            aantalMedebewoners=Waarde(waarde=len(medebewoners), bron=Bron.BRP),
            aantalMedebewoners21Plus=Waarde(
                waarde=sum(
                    1 for m in medebewoners if _age_on(dt.date.fromisoformat(m["geboortedatum"]), peildatum) >= 21
                ),
                bron=Bron.BRP,
            ),
        )
    log.record(
        "BRP",
        "Raadplegen persoon (BRP)",
        ["naam", "geboortedatum", "nationaliteit", "verblijfplaats", "partners", "kinderen", "medebewoners.aantal"],
        started,
    )

    onderneming = None
    if verzoek.kvkNummer is not None:
        started = utcnow()
        kvk = store.onderneming(verzoek.kvkNummer)
        onderneming = Onderneming(gevonden=kvk is not None, kvkNummer=verzoek.kvkNummer)
        if kvk is not None:
            onderneming = Onderneming(
                gevonden=True,
                kvkNummer=kvk["kvkNummer"],
                naam=Waarde(waarde=kvk["naam"], bron=Bron.KVK),
                rechtsvorm=Waarde(waarde=kvk["rechtsvorm"], bron=Bron.KVK),
                datumInschrijving=Waarde(waarde=_kvk_date(kvk["formeleRegistratiedatum"]), bron=Bron.KVK),
                datumAanvang=Waarde(waarde=_kvk_date(kvk.get("datumAanvang")), bron=Bron.KVK),
                sbiCodes=Waarde(waarde=[a["sbiCode"] for a in kvk["sbiActiviteiten"]], bron=Bron.KVK),
            )
        log.record(
            "KVK",
            "Raadplegen basisprofiel (KVK)",
            ["naam", "rechtsvorm", "registratiedatum", "sbiActiviteiten"],
            started,
        )

    return BbzGegevens(peildatum=peildatum, persoon=persoon, huishouden=huishouden, onderneming=onderneming)
