"""The idempotency fingerprint's canonical JSON is the one keys were stored with before (json.dumps with sorted
keys): a request repeated across an upgrade still matches its key, and routing-api's `invoerHash` stays the
same for the same facts."""

import datetime as dt
import hashlib
import json
import random
import struct
import uuid
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from bbz_common.idempotency import canonical_json, request_fingerprint


def _as_stored_before(payload: Any) -> bytes:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str).encode()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(), children, max_size=5),
    max_leaves=40,
)


@settings(max_examples=600, derandomize=True, database=None)
@given(json_values)
def test_any_json_value_is_written_as_before(payload: Any) -> None:
    assert canonical_json(payload) == _as_stored_before(payload)


def test_an_application_with_dutch_text_is_written_as_before() -> None:
    payload = {
        "formulier": {
            "personalia": {"voornamen": "Zoë Hélène", "geslachtsnaam": "IJsselmeer-Ĳzerman"},
            "toelichting": "Omzet € 1.500 per maand 🍞, bakkerij \x7f\n\t\"'",
            "bedragen": [125_000, -4_500, 0],
            "aanvraagId": str(uuid.UUID(int=7)),
            "akkoord": True,
            "leeg": None,
        },
        "verlengingVan": "None",
    }

    assert canonical_json(payload) == _as_stored_before(payload)


def test_floats_of_every_magnitude_are_written_as_before() -> None:
    draw = random.Random(2026)
    floats = [draw.uniform(1, 10) * 10.0**exponent for exponent in range(-30, 31) for _ in range(50)]
    floats += [struct.unpack("<d", draw.getrandbits(64).to_bytes(8, "little"))[0] for _ in range(20_000)]
    floats = [f for f in floats if f == f and abs(f) != float("inf")]

    assert [canonical_json({"n": f}) for f in floats] == [_as_stored_before({"n": f}) for f in floats]


def test_values_outside_json_are_written_as_before_each_on_its_own() -> None:
    values = [dt.date(2026, 11, 25), dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC), uuid.UUID(int=1), 2**70]
    values += [-(2**63) - 1, {1}, 1e-05, -3e-07, (1, 2), {"b": (), "a": []}]

    assert [canonical_json({"v": v}) for v in values] == [_as_stored_before({"v": v}) for v in values]


def test_the_fingerprint_is_the_sha256_of_the_canonical_json() -> None:
    payload = {"b": [1, {"d": None, "c": "x"}], "a": "é"}

    assert request_fingerprint(payload) == hashlib.sha256(b'{"a":"\\u00e9","b":[1,{"c":"x","d":null}]}').hexdigest()
