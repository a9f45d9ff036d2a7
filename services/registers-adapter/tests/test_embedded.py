"""The built-in mocks are called in-process through their data layer by default (no HTTP or JSON inside the
process); a look-up gives exactly the answer it gives when the same mocks are called over their HTTP contract."""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from pydantic import SecretStr
from registers_helpers import bsn_of, gegevens, persona

from bbz_common.app import api_of
from bbz_common.problems import ProblemError
from bbz_common.testing import running_app
from registers_adapter.bbz_gegevens.service import AANVRAGER_FIELDS, BEWONER_FIELDS
from registers_adapter.config import Settings
from registers_adapter.main import create_app
from registers_adapter.personas import store
from registers_adapter.upstreams import suwinet
from registers_adapter.upstreams.brp import BrpClient, Doelbinding
from registers_adapter.upstreams.embedded import EmbeddedBrp, EmbeddedGemeente, EmbeddedKvk, EmbeddedSuwinet
from registers_adapter.upstreams.registry import MockApps, Registers

DOEL = Doelbinding(doelbinding="Bbz 2004", verwerking="Bbz aanvraag beoordelen", gebruiker="intake-api")
DIENSTEN = [
    suwinet.UWV_INKOMSTEN,
    suwinet.SVB_PERSOON,
    suwinet.DUO_STUDIEFINANCIERING,
    suwinet.RDW_VOERTUIGEN,
    suwinet.KADASTER_ONROERENDE_ZAKEN,
    suwinet.BRP_PERSOON,
]
PERSONAS = ["gevestigde-groen", "partner-met-inkomen", "kostgangers-mix", "groot-huishouden", "geen-kvk", "vermogen"]


@pytest.fixture
async def both(settings: Settings) -> AsyncIterator[tuple[Registers, Registers]]:
    mocks = MockApps.create(settings)
    embedded, over_http = Registers.create(settings, mocks), Registers.over_http(settings, mocks)
    yield embedded, over_http
    await embedded.aclose()
    await over_http.aclose()


async def answer(call: Any) -> Any:
    """The register's answer, or the problem it raised (status and detail), to compare both ways alike."""
    try:
        return await call
    except ProblemError as exc:
        return (exc.status, exc.detail)


def test_by_default_every_register_is_the_mock_in_process(settings: Settings) -> None:
    registers = Registers.create(settings, MockApps.create(settings))
    assert [type(r) for r in (registers.brp, registers.kvk, registers.suwinet, registers.gemeente)] == [
        EmbeddedBrp,
        EmbeddedKvk,
        EmbeddedSuwinet,
        EmbeddedGemeente,
    ]


def test_a_configured_url_is_called_over_http(settings: Settings) -> None:
    brp = settings.brp.model_copy(update={"base_url": "https://brp.gemeente.example/haalcentraal/api/brp"})
    registers = Registers.create(settings.model_copy(update={"brp": brp}), MockApps.create(settings))
    assert (type(registers.brp), type(registers.kvk)) == (BrpClient, EmbeddedKvk)


@pytest.mark.parametrize("key", PERSONAS)
async def test_each_register_answers_in_process_as_over_http(both: tuple[Registers, Registers], key: str) -> None:
    def reads(registers: Registers) -> list[Any]:
        bsn, kvk_nummer = bsn_of(key), persona(key)["kvkNummer"]
        adres = store.persoon(bsn)["adres"]["adresseerbaarObjectIdentificatie"]  # type: ignore[index]
        return [
            registers.brp.raadpleeg(bsn, AANVRAGER_FIELDS, DOEL),
            registers.brp.bewoners(adres, BEWONER_FIELDS, DOEL),
            registers.kvk.basisprofiel(kvk_nummer),
            *(registers.suwinet.raadpleeg(dienst, bsn) for dienst in DIENSTEN),
            registers.gemeente.bbz_historie(bsn),
        ]

    embedded, over_http = both
    assert [await answer(c) for c in reads(embedded)] == [await answer(c) for c in reads(over_http)]


@pytest.mark.parametrize(
    "read",
    [
        pytest.param(lambda r: r.kvk.basisprofiel("90004973"), id="kvk-500"),
        pytest.param(lambda r: r.kvk.basisprofiel("90002903"), id="kvk-503"),
        pytest.param(lambda r: r.kvk.basisprofiel("12345678"), id="kvk-unknown"),
        pytest.param(lambda r: r.brp.raadpleeg(store.onbekend_bsn(), AANVRAGER_FIELDS, DOEL), id="brp-unknown"),
        pytest.param(lambda r: r.brp.raadpleeg("999990020", ["geheimhoudingPersoonsgegevens"], DOEL), id="brp-400"),
        pytest.param(lambda r: r.suwinet.raadpleeg("OnbekendeDienstGSD", "999990020"), id="suwinet-unknown-service"),
        pytest.param(lambda r: r.suwinet.raadpleeg(suwinet.UWV_INKOMSTEN, store.onbekend_bsn()), id="suwinet-none"),
    ],
)
async def test_refusals_and_failures_are_the_same_in_process_as_over_http(
    both: tuple[Registers, Registers], read: Any
) -> None:
    embedded, over_http = both
    assert await answer(read(embedded)) == await answer(read(over_http))


async def test_a_wrong_key_for_the_mock_is_refused_in_process_as_over_http(settings: Settings) -> None:
    wrong = settings.model_copy(update={"gemeente": settings.gemeente.model_copy(update={"api_key": SecretStr("x")})})
    mocks = MockApps.create(wrong)
    embedded, over_http = Registers.create(wrong, mocks), Registers.over_http(wrong, mocks)
    answers = [await answer(r.gemeente.bbz_historie("999990020")) for r in (embedded, over_http)]
    await over_http.aclose()
    assert answers == [(502, "gemeentelijke registratie rejected the request of the adapter (HTTP 401).")] * 2


def over_http(app: FastAPI, settings: Settings) -> None:
    for target in (app, api_of(app)):
        target.state.registers = Registers.over_http(settings, MockApps.create(settings))


async def test_every_personas_look_up_is_the_same_in_process_as_over_http(settings: Settings) -> None:
    keys = [p["sleutel"] for p in store.personas()]
    app = create_app(settings)
    async with running_app(app) as client:
        in_process = [await gegevens(client, key) for key in keys]
        await app.state.registers.aclose()
        over_http(app, settings)
        answers_over_http = [await gegevens(client, key) for key in keys]
    assert in_process == answers_over_http


async def test_the_mocks_stay_served_over_http_under_mock(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/mock/gemeente/v1/bbz-historie/zoeken",
        json={"burgerservicenummer": bsn_of("tozo-herhaal")},
        headers={"X-API-KEY": "demo-gemeente-mock-key"},
    )
    assert response.status_code == 200 and response.json()["tozo"]


async def test_a_look_up_never_changes_the_mocks_data(client: httpx.AsyncClient) -> None:
    """In-process answers share the mock's data (no JSON copy in between): the look-up only reads them."""
    before = copy.deepcopy(store._data())
    for key in PERSONAS:
        await gegevens(client, key)
    assert store._data() == before
