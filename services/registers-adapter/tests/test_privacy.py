"""Model form T14: of co-residents only numbers leave the adapter, never their person data. Children under 18
of the household may be returned; an adult child at home is a co-resident like any other."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest
from registers_helpers import bsn_of, gegevens

from registers_adapter.personas import store

WITH_CO_RESIDENTS = [
    "kostendeler-oranje",
    "student-medebewoner",
    "twee-kostendelers",
    "medebewoner-19",
    "kostgangers-mix",
    "partner-en-kostendeler",
    "groot-huishouden",
]


def co_residents(key: str) -> list[dict[str, object]]:
    """Everyone at the persona's address except the applicant, the partner and the children under 18."""
    aanvrager = store.persoon(bsn_of(key))
    assert aanvrager is not None
    adres = aanvrager["adres"]["adresseerbaarObjectIdentificatie"]
    huishouden = {aanvrager["burgerservicenummer"], aanvrager["partner"]}
    eighteen_years_ago = store.resolve_date("VANDAAG-18J", dt.date.today())
    return [
        p
        for p in store.bewoners(adres)
        if p["burgerservicenummer"] not in huishouden
        and not (p["burgerservicenummer"] in aanvrager["kinderen"] and p["geboortedatum"] > eighteen_years_ago)
    ]


@pytest.mark.parametrize("key", WITH_CO_RESIDENTS)
async def test_no_personal_data_of_a_co_resident_leaves_the_adapter(client: httpx.AsyncClient, key: str) -> None:
    text = (await client.post("/v1/bbz-gegevens", json={"burgerservicenummer": bsn_of(key), "doelbinding": "Bbz 2004"},
                              headers={"Authorization": "Bearer demo-intake-service-key"})).text  # fmt: skip
    leaked = [
        value
        for p in co_residents(key)
        for value in (p["burgerservicenummer"], p["geboortedatum"], p["voornamen"])
        if str(value) in text
    ]
    assert leaked == []


@pytest.mark.parametrize("key", WITH_CO_RESIDENTS)
async def test_every_co_resident_is_counted(client: httpx.AsyncClient, key: str) -> None:
    body = await gegevens(client, key)
    assert body["huishouden"]["aantalMedebewoners"]["waarde"] == len(co_residents(key))


async def test_an_adult_daughter_at_home_is_not_returned_as_a_child(client: httpx.AsyncClient) -> None:
    body = await gegevens(client, "student-medebewoner")
    assert body["huishouden"]["kinderen"]["waarde"] == []
