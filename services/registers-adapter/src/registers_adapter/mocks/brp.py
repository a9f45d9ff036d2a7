"""Mock of the Haal Centraal BRP API Personen 2.7.0 (`POST /haalcentraal/api/brp/personen`).

It speaks the real contract, so the adapter can point at the real BRP API (or a municipal BRP gateway) by
configuration alone:
- query types `RaadpleegMetBurgerservicenummer` and `ZoekMetAdresseerbaarObjectIdentificatie` (the others are
  answered with a 400 `paramsValidation`, as an unauthorised search type would be);
- only the requested `fields` are answered (paths such as `naam.voornamen` or `partners.geboorte.datum`);
  unknown paths and automatically delivered fields give a 400, as the real API does;
- problem details (`application/problem+json`, Foutbericht/BadRequestFoutbericht) for every error;
- the gateway headers `x-doelbinding`, `x-verwerking` and `x-gebruiker` are required and logged (never the BSN);
- an API key in `X-API-KEY` when one is configured.

Unknown BSNs give `200` with an empty `personen` list, exactly like the real API."""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from typing import Any

import structlog
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse

from registers_adapter.personas import store

PATH = "/haalcentraal/api/brp/personen"
JSON_UTF8 = "application/json; charset=utf-8"
PROBLEM = "application/problem+json"
GATEWAY_HEADERS = ("x-doelbinding", "x-verwerking", "x-gebruiker")
AUTOMATIC_FIELDS = {"inOnderzoek", "geheimhoudingPersoonsgegevens", "opschortingBijhouding", "rni", "verificatie"}

log = structlog.get_logger("registers.mock.brp")

_MAANDEN = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]

# The field paths a client may ask for: the Persoon schema of 2.7.0 (a nested dict; None = any sub-path).
_WAARDETABEL: dict[str, Any] = {"code": {}, "omschrijving": {}}
_DATUM: dict[str, Any] = {"type": {}, "datum": {}, "langFormaat": {}, "jaar": {}, "maand": {}, "onbekend": {}}
_NAAM: dict[str, Any] = {
    "voornamen": {},
    "adellijkeTitelPredicaat": None,
    "voorvoegsel": {},
    "geslachtsnaam": {},
    "voorletters": {},
    "volledigeNaam": {},
    "aanduidingNaamgebruik": _WAARDETABEL,
}
_GEBOORTE: dict[str, Any] = {"datum": _DATUM, "land": _WAARDETABEL, "plaats": _WAARDETABEL}
_GERELATEERDE: dict[str, Any] = {
    "burgerservicenummer": {},
    "geslacht": _WAARDETABEL,
    "naam": {k: v for k, v in _NAAM.items() if k not in ("volledigeNaam", "aanduidingNaamgebruik")},
    "geboorte": _GEBOORTE,
}
PERSOON_FIELDS: dict[str, Any] = {
    "aNummer": {},
    "burgerservicenummer": {},
    "datumEersteInschrijvingGBA": _DATUM,
    "geslacht": _WAARDETABEL,
    "uitsluitingKiesrecht": None,
    "europeesKiesrecht": None,
    "leeftijd": {},
    "naam": _NAAM,
    "nationaliteiten": {
        "type": {},
        "nationaliteit": _WAARDETABEL,
        "redenOpname": _WAARDETABEL,
        "datumIngangGeldigheid": _DATUM,
    },
    "geboorte": _GEBOORTE,
    "overlijden": None,
    "verblijfplaats": {
        "type": {},
        "verblijfadres": {
            "officieleStraatnaam": {},
            "korteStraatnaam": {},
            "huisnummer": {},
            "huisletter": {},
            "huisnummertoevoeging": {},
            "aanduidingBijHuisnummer": _WAARDETABEL,
            "postcode": {},
            "woonplaats": {},
            "land": _WAARDETABEL,
            "regel1": {},
            "regel2": {},
            "regel3": {},
            "locatiebeschrijving": {},
        },
        "functieAdres": _WAARDETABEL,
        "adresseerbaarObjectIdentificatie": {},
        "nummeraanduidingIdentificatie": {},
        "datumVan": _DATUM,
        "datumIngangGeldigheid": _DATUM,
        "indicatieVastgesteldVerblijftNietOpAdres": {},
    },
    "immigratie": None,
    "gemeenteVanInschrijving": _WAARDETABEL,
    "datumInschrijvingInGemeente": _DATUM,
    "adressering": None,
    "indicatieCurateleRegister": {},
    "indicatieGezagMinderjarige": _WAARDETABEL,
    "gezag": None,
    "verblijfstitel": {"aanduiding": _WAARDETABEL, "datumEinde": _DATUM, "datumIngang": _DATUM},
    "kinderen": _GERELATEERDE,
    "ouders": {**_GERELATEERDE, "ouderAanduiding": {}, "datumIngangFamilierechtelijkeBetrekking": _DATUM},
    "partners": {
        **_GERELATEERDE,
        "soortVerbintenis": _WAARDETABEL,
        "aangaanHuwelijkPartnerschap": {"datum": _DATUM, "land": _WAARDETABEL, "plaats": _WAARDETABEL},
        "ontbindingHuwelijkPartnerschap": {"datum": _DATUM},
    },
}
# PersoonBeperkt: what a search (here: by address) may return.
PERSOON_BEPERKT_FIELDS = {
    k: PERSOON_FIELDS[k] for k in ("burgerservicenummer", "geboorte", "geslacht", "leeftijd", "naam", "adressering")
}

_GESLACHT = {"M": "man", "V": "vrouw", "O": "onbekend"}


def _datum(value: str) -> dict[str, Any]:
    date = dt.date.fromisoformat(value)
    return {"type": "Datum", "datum": value, "langFormaat": f"{date.day} {_MAANDEN[date.month - 1]} {date.year}"}


def _leeftijd(geboortedatum: str, today: dt.date) -> int:
    born = dt.date.fromisoformat(geboortedatum)
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _voorletters(voornamen: str) -> str:
    return "".join(f"{name[0]}." for name in voornamen.split())


def _naam(p: dict[str, Any]) -> dict[str, Any]:
    naam = {
        "voornamen": p["voornamen"],
        "geslachtsnaam": p["geslachtsnaam"],
        "voorletters": _voorletters(p["voornamen"]),
    }
    if p.get("voorvoegsel"):
        naam["voorvoegsel"] = p["voorvoegsel"]
    return naam


def _gerelateerde(bsn: str) -> dict[str, Any]:
    p = store.persoon(bsn)
    if p is None:
        return {"burgerservicenummer": bsn}
    return {
        "burgerservicenummer": bsn,
        "geslacht": {"code": p["geslacht"], "omschrijving": _GESLACHT[p["geslacht"]]},
        "naam": _naam(p),
        "geboorte": {"datum": _datum(p["geboortedatum"])},
    }


def render(p: dict[str, Any], today: dt.date) -> dict[str, Any]:
    """The whole Persoon of one record, before the `fields` filter."""
    adres = p["adres"]
    naam = _naam(p)
    naam["volledigeNaam"] = " ".join(x for x in (p["voornamen"], p.get("voorvoegsel"), p["geslachtsnaam"]) if x)
    naam["aanduidingNaamgebruik"] = {"code": "E", "omschrijving": "eigen geslachtsnaam"}
    nationaliteit = {"0001": "Nederlandse", "0052": "Poolse", "0263": "Marokkaanse", "0057": "Turkse"}
    persoon: dict[str, Any] = {
        "burgerservicenummer": p["burgerservicenummer"],
        "geslacht": {"code": p["geslacht"], "omschrijving": _GESLACHT[p["geslacht"]]},
        "leeftijd": _leeftijd(p["geboortedatum"], today),
        "naam": naam,
        "geboorte": {"datum": _datum(p["geboortedatum"]), "land": {"code": "6030", "omschrijving": "Nederland"}},
        "nationaliteiten": [
            {
                "type": "Nationaliteit",
                "nationaliteit": {"code": p["nationaliteit"], "omschrijving": nationaliteit[p["nationaliteit"]]},
            }
        ],
        "verblijfplaats": {
            "type": "Adres",
            "verblijfadres": {
                "officieleStraatnaam": adres["straat"],
                "korteStraatnaam": adres["straat"],
                "huisnummer": adres["huisnummer"],
                "postcode": adres["postcode"].replace(" ", ""),
                "woonplaats": adres["woonplaats"],
            },
            "functieAdres": {"code": "W", "omschrijving": "woonadres"},
            "adresseerbaarObjectIdentificatie": adres["adresseerbaarObjectIdentificatie"],
            "nummeraanduidingIdentificatie": adres["adresseerbaarObjectIdentificatie"][:4]
            + "20"
            + adres["adresseerbaarObjectIdentificatie"][6:],
        },
        "gemeenteVanInschrijving": {"code": adres["gemeentecode"], "omschrijving": adres["woonplaats"]},
        "kinderen": [_gerelateerde(bsn) for bsn in p["kinderen"]],
        "ouders": [{**_gerelateerde(bsn), "ouderAanduiding": str(i + 1)} for i, bsn in enumerate(p["ouders"])],
        "partners": [],
    }
    if p.get("verblijfstitel"):
        persoon["verblijfstitel"] = {"aanduiding": dict(p["verblijfstitel"])}
    if p.get("partner"):
        partner = {**_gerelateerde(p["partner"]), "soortVerbintenis": {"code": "H", "omschrijving": "huwelijk"}}
        if p.get("partnerOntbonden"):
            partner["ontbindingHuwelijkPartnerschap"] = {"datum": _datum(p["partnerOntbonden"])}
        persoon["partners"] = [partner]
    return persoon


def _tree(fields: list[str]) -> dict[str, Any]:
    """`["naam.voornamen", "geboorte"]` → `{"naam": {"voornamen": None}, "geboorte": None}` (None: the whole part)."""
    tree: dict[str, Any] = {}
    for path in sorted(fields, key=lambda p: p.count(".")):
        node = tree
        parts = path.split(".")
        for part in parts[:-1]:
            if part in node and node[part] is None:
                break  # an enclosing part was asked as a whole
            node = node.setdefault(part, {})
        else:
            node[parts[-1]] = None
    return tree


def select(value: Any, tree: dict[str, Any] | None) -> Any:
    """Keep only the requested paths; lists apply the selection to each item; a typed object keeps its type."""
    if tree is None:
        return value
    if isinstance(value, list):
        return [item for item in (select(v, tree) for v in value) if item not in ({}, [])]
    if not isinstance(value, dict):
        return value
    kept = {key: select(sub_value, tree[key]) for key, sub_value in value.items() if key in tree}  # in schema order
    kept = {k: v for k, v in kept.items() if v not in ({}, [])}
    if "type" in value and kept:
        kept = {"type": value["type"], **kept}
    return kept


@lru_cache(maxsize=1024)  # clients ask the same few paths on every request
def _valid_field(path: str, persoon: bool) -> bool:
    """A path a client may ask: in the Persoon (or, for a search, PersoonBeperkt) schema, not delivered anyway."""
    return path.split(".")[0] not in AUTOMATIC_FIELDS and _known(
        path, PERSOON_FIELDS if persoon else PERSOON_BEPERKT_FIELDS
    )


@lru_cache(maxsize=64)  # read-only: select() never changes the tree
def _cached_tree(fields: tuple[str, ...]) -> dict[str, Any]:
    return _tree(list(fields))


def _known(path: str, schema: dict[str, Any]) -> bool:
    node: dict[str, Any] | None = schema
    for part in path.split("."):
        if node is None:
            return True  # a part of the contract this mock does not model: allowed, never filled
        if part not in node:
            return False
        node = node[part]
    return True


def problem(
    request: Request,
    status: int,
    title: str,
    code: str,
    detail: str,
    invalid: list[dict[str, str]] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": "https://datatracker.ietf.org/doc/html/rfc7231",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": str(request.url),
        "code": code,
    }
    if invalid:
        body["invalidParams"] = [
            {"type": "https://www.vng.nl/realisatie/api/validaties/" + p["code"], **p} for p in invalid
        ]
    return JSONResponse(body, status_code=status, media_type=PROBLEM)


def _invalid(name: str, code: str, reason: str) -> dict[str, str]:
    return {"name": name, "code": code, "reason": reason}


def _validate(body: Any) -> list[dict[str, str]]:
    if not isinstance(body, dict):
        return [_invalid("body", "object", "Waarde is geen object.")]
    errors: list[dict[str, str]] = []
    query_type = body.get("type")
    if query_type is None:
        errors.append(_invalid("type", "required", "Parameter is verplicht."))
    elif query_type not in ("RaadpleegMetBurgerservicenummer", "ZoekMetAdresseerbaarObjectIdentificatie"):
        errors.append(_invalid("type", "value", "Waarde is geen toegestane of ondersteunde waarde."))
    fields = body.get("fields")
    schema = PERSOON_FIELDS if query_type == "RaadpleegMetBurgerservicenummer" else PERSOON_BEPERKT_FIELDS
    if fields is None:
        errors.append(_invalid("fields", "required", "Parameter is verplicht."))
    elif not isinstance(fields, list) or not fields:
        errors.append(_invalid("fields", "minItems", "Array bevat minder dan 1 item."))
    elif len(fields) > 130:
        errors.append(_invalid("fields", "maxItems", "Array bevat meer dan 130 items."))
    else:
        for i, path in enumerate(fields):
            if not isinstance(path, str) or not _valid_field(path, schema is PERSOON_FIELDS):
                errors.append(_invalid(f"fields.{i}", "field", "Parameter bevat een niet bestaande veldnaam."))
    if query_type == "RaadpleegMetBurgerservicenummer":
        bsns = body.get("burgerservicenummer")
        if bsns is None:
            errors.append(_invalid("burgerservicenummer", "required", "Parameter is verplicht."))
        elif not isinstance(bsns, list) or not 1 <= len(bsns) <= 20:
            errors.append(_invalid("burgerservicenummer", "maxItems", "Array bevat 1 tot 20 items."))
        elif not all(isinstance(b, str) and len(b) == 9 and b.isdigit() for b in bsns):
            errors.append(_invalid("burgerservicenummer", "pattern", "Waarde voldoet niet aan het patroon."))
    if query_type == "ZoekMetAdresseerbaarObjectIdentificatie":
        aoid = body.get("adresseerbaarObjectIdentificatie")
        if aoid is None:
            errors.append(_invalid("adresseerbaarObjectIdentificatie", "required", "Parameter is verplicht."))
        elif not (isinstance(aoid, str) and len(aoid) == 16 and aoid.isdigit()):
            errors.append(
                _invalid("adresseerbaarObjectIdentificatie", "pattern", "Waarde voldoet niet aan het patroon.")
            )
    return errors


def validate(body: Any) -> list[dict[str, str]]:
    """The invalid parameters of a request body (empty when it is valid), as the 400 answer names them."""
    return _validate(body)


def zoek_personen(body: dict[str, Any], today: dt.date) -> list[dict[str, Any]]:
    """The answer's `personen` to a valid request body (see `validate`): the data layer behind the endpoint,
    also called directly by the adapter's in-process BRP (upstreams/embedded.py)."""
    tree = _cached_tree(tuple(body["fields"]))
    if body["type"] == "RaadpleegMetBurgerservicenummer":
        records = [p for bsn in dict.fromkeys(body["burgerservicenummer"]) if (p := store.persoon(bsn))]
    else:
        records = store.bewoners(body["adresseerbaarObjectIdentificatie"])
    return [select(render(p, today), tree) for p in records]


def create_router(api_key: str | None) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.post(PATH)
    async def personen(request: Request) -> JSONResponse:
        if api_key is not None and request.headers.get("x-api-key") != api_key:
            return problem(request, 401, "Niet correct geauthenticeerd.", "authentication", "Geen geldige API key.")
        content_type = request.headers.get("content-type", "")
        if not content_type.startswith("application/json"):
            return problem(request, 415, "Unsupported Media Type", "unsupported", "Alleen application json.")
        accept = request.headers.get("accept", "*/*")
        if not any(t in accept for t in ("*/*", "application/json", "application/*")):
            return problem(
                request, 406, "Gevraagde contenttype wordt niet ondersteund.", "notAcceptable", "Alleen json."
            )
        missing = [h for h in GATEWAY_HEADERS if not request.headers.get(h)]
        if missing:
            return problem(
                request,
                400,
                "Een of meerdere parameters zijn niet correct.",
                "paramsValidation",
                "De gateway vereist doelbinding, verwerking en gebruiker.",
                # InvalidParam.name allows no '-' in 2.7.0: the header is named with '_' (x_doelbinding).
                [_invalid(h.replace("-", "_"), "required", "Header is verplicht.") for h in missing],
            )
        try:
            body = json.loads(await request.body())
        except ValueError:
            return problem(request, 400, "Ongeldige JSON.", "paramsValidation", "De body is geen geldige JSON.")
        errors = _validate(body)
        if errors:
            names = ", ".join(e["name"] for e in errors)
            return problem(
                request,
                400,
                "Een of meerdere parameters zijn niet correct.",
                "paramsValidation",
                f"De foutieve parameter(s) zijn {names}.",
                errors,
            )
        log.info(
            "brp_bevraging",
            zoektype=body["type"],
            doelbinding=request.headers["x-doelbinding"],
            verwerking=request.headers["x-verwerking"],
            gebruiker=request.headers["x-gebruiker"],
            aantal_velden=len(body["fields"]),
        )
        return JSONResponse(
            {"type": body["type"], "personen": zoek_personen(body, dt.date.today())}, media_type=JSON_UTF8
        )

    return router


def create_app(api_key: str | None) -> FastAPI:
    app = FastAPI(title="BRP API Personen (mock)", openapi_url=None, docs_url=None, redoc_url=None)
    app.include_router(create_router(api_key))
    return app
