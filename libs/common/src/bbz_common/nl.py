"""Dutch identifiers as strict annotated types, validated by python-stdnum and schwifty."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field, StrictStr
from schwifty import IBAN as SchwiftyIBAN
from schwifty.exceptions import SchwiftyException
from stdnum.nl import bsn as stdnum_bsn
from stdnum.nl import postcode as stdnum_postcode

_KVK = re.compile(r"^\d{8}$")
_SBI = re.compile(r"^\d{2,6}$")
_GEMEENTECODE = re.compile(r"^\d{4}$")


def _bsn(value: str) -> str:
    if not re.fullmatch(r"\d{9}", value) or not stdnum_bsn.is_valid(value):
        raise ValueError("not a valid burgerservicenummer (9 digits, elfproef)")
    return value


def _kvk(value: str) -> str:
    if not _KVK.match(value):
        raise ValueError("a KVK number is 8 digits")
    return value


def _postcode(value: str) -> str:
    try:
        return str(stdnum_postcode.validate(value))
    except Exception as exc:
        raise ValueError("not a valid Dutch postcode (e.g. 1234 AB)") from exc


def _iban(value: str) -> str:
    try:
        return str(SchwiftyIBAN(value).compact)
    except SchwiftyException as exc:
        raise ValueError("not a valid IBAN") from exc


def bic_for_iban(value: str) -> str | None:
    try:
        bic = SchwiftyIBAN(value).bic
    except SchwiftyException:
        return None
    return str(bic) if bic is not None else None


def _sbi(value: str) -> str:
    if not _SBI.match(value):
        raise ValueError("an SBI code is 2 to 6 digits")
    return value


def _gemeentecode(value: str) -> str:
    if not _GEMEENTECODE.match(value):
        raise ValueError("a CBS gemeentecode is 4 digits")
    return value


Burgerservicenummer = Annotated[StrictStr, Field(pattern=r"^\d{9}$", examples=["999993653"]), AfterValidator(_bsn)]
KvkNummer = Annotated[StrictStr, Field(pattern=r"^\d{8}$", examples=["69599084"]), AfterValidator(_kvk)]
Postcode = Annotated[StrictStr, Field(examples=["2514 GL"], max_length=7), AfterValidator(_postcode)]
Iban = Annotated[StrictStr, Field(examples=["NL91ABNA0417164300"], max_length=42), AfterValidator(_iban)]
SbiCode = Annotated[StrictStr, Field(pattern=r"^\d{2,6}$", examples=["4791"]), AfterValidator(_sbi)]
Gemeentecode = Annotated[StrictStr, Field(pattern=r"^\d{4}$", examples=["0518"]), AfterValidator(_gemeentecode)]


def is_valid_bsn(value: str) -> bool:
    return bool(re.fullmatch(r"\d{9}", value)) and stdnum_bsn.is_valid(value)
