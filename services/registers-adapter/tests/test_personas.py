"""The personas: at least 40 consistent synthetic people across BRP, KVK, Suwinet and the municipal
registration, with official test BSNs, listed in the README; the look-up works for every one of them."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from registers_helpers import TEST_BSNS, gegevens
from stdnum.nl import bsn as stdnum_bsn

from bbz_common.testing import migrated_database, running_app
from registers_adapter.config import Settings
from registers_adapter.main import create_app
from registers_adapter.personas import store

PERSONAS = [p["sleutel"] for p in store.personas()]
README = Path(__file__).resolve().parents[1] / "README.md"
BRONNEN = {"BRP", "KVK", "Suwinet", "gemeentelijke-registratie"}


def unsourced(value: Any, path: str = "") -> list[str]:
    """Paths of values in a look-up answer that do not carry a known source."""
    if isinstance(value, dict):
        if "waarde" in value:
            return [] if value.get("bron") in BRONNEN else [path]
        return [p for k, v in value.items() for p in unsourced(v, f"{path}.{k}") if k not in ("gevonden", "kvkNummer")]
    return [path] if value is not None and path.count(".") > 1 else []


def test_there_are_at_least_40_personas() -> None:
    assert len(PERSONAS) >= 40


def test_every_bsn_passes_the_elfproef() -> None:
    assert [
        p["burgerservicenummer"] for p in store._data()["personen"] if not stdnum_bsn.is_valid(p["burgerservicenummer"])
    ] == []


@pytest.mark.skipif(not TEST_BSNS.exists(), reason=f"official BRP test BSNs not found at {TEST_BSNS}")
def test_every_bsn_is_an_official_brp_test_bsn() -> None:
    official = set(TEST_BSNS.read_text().split())
    assert [
        p["burgerservicenummer"] for p in store._data()["personen"] if p["burgerservicenummer"] not in official
    ] == []


def test_the_readme_lists_every_persona() -> None:
    text = README.read_text(encoding="utf-8")
    assert [p["burgerservicenummer"] for p in store.personas() if p["burgerservicenummer"] not in text] == []


def test_every_doelgroep_is_covered() -> None:
    assert {p["doelgroep"] for p in store.personas()} >= {
        "starter", "gevestigde", "oudere zelfstandige", "IOAZ", "beëindiger"
    }  # fmt: skip


def test_every_legal_form_of_the_model_form_is_covered() -> None:
    assert {o["rechtsvorm"] for o in store._data()["ondernemingen"]} >= {
        "Eenmanszaak", "Vennootschap onder firma", "Commanditaire vennootschap", "Maatschap",
        "Besloten Vennootschap", "Coöperatie",
    }  # fmt: skip


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """The look-up of every persona, once, on one running adapter."""
    service_dir = Path(__file__).resolve().parents[1]
    url = migrated_database(service_dir, tmp_path_factory.mktemp("personas"), "registers-adapter")

    async def look_up_all() -> dict[str, dict[str, Any]]:
        async with running_app(create_app(Settings(database_url=url, log_json=False))) as client:
            return {key: await gegevens(client, key) for key in PERSONAS}

    return asyncio.run(look_up_all())


@pytest.mark.parametrize("key", PERSONAS)
def test_the_look_up_finds_every_persona(answers: dict[str, dict[str, Any]], key: str) -> None:
    assert answers[key]["persoon"]["gevonden"] is True


@pytest.mark.parametrize("key", PERSONAS)
def test_every_value_of_every_persona_carries_its_source(answers: dict[str, dict[str, Any]], key: str) -> None:
    assert unsourced({k: v for k, v in answers[key].items() if k != "peildatum"}) == []


@pytest.mark.skipif(not TEST_BSNS.exists(), reason=f"official BRP test BSNs not found at {TEST_BSNS}")
def test_personas_json_is_what_the_catalogue_builds() -> None:
    """Edit tools/build_personas.py, never personas.json by hand (the registers must stay consistent)."""
    import importlib.util
    import json
    import sys

    path = Path(__file__).resolve().parents[1] / "tools" / "build_personas.py"
    spec = importlib.util.spec_from_file_location("registers_build_personas", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    committed = json.loads((Path(store.__file__).parent / "personas.json").read_text(encoding="utf-8"))
    assert module.build() == committed
