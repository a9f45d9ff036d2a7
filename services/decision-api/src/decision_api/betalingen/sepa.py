"""ISO 20022 pain.001.001.03 (SEPA credit transfer initiation), as Dutch banks accept it: one payment
information block per file, service level SEPA, charges shared (SLEV), amounts in EUR with two decimals."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from xml.etree import ElementTree as ET

NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"


@dataclass(frozen=True)
class Rekening:
    naam: str
    iban: str
    bic: str


@dataclass(frozen=True)
class Overboeking:
    end_to_end_id: str
    bedrag: int
    naam: str
    iban: str
    omschrijving: str


# The SEPA character set (EPC guidance): Latin letters, digits and / - ? : ( ) . , ' + and space.
_NOT_SEPA = re.compile(r"[^A-Za-z0-9/\-?:().,'+ ]")


def sepa_tekst(value: str, max_length: int) -> str:
    plain = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    return _NOT_SEPA.sub(" ", plain).strip()[:max_length] or "-"


def _euro(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def pain001(
    bericht_id: str,
    aangemaakt_op: dt.datetime,
    uitvoerdatum: dt.date,
    debiteur: Rekening,
    overboekingen: Sequence[Overboeking],
) -> str:
    ET.register_namespace("", NAMESPACE)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{NAMESPACE}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    total = _euro(sum(o.bedrag for o in overboekingen))
    count = str(len(overboekingen))
    document = ET.Element(f"{{{NAMESPACE}}}Document")
    initiation = sub(document, "CstmrCdtTrfInitn")
    header = sub(initiation, "GrpHdr")
    sub(header, "MsgId", bericht_id)
    sub(header, "CreDtTm", aangemaakt_op.astimezone(dt.UTC).replace(microsecond=0, tzinfo=None).isoformat())
    sub(header, "NbOfTxs", count)
    sub(header, "CtrlSum", total)
    sub(sub(header, "InitgPty"), "Nm", sepa_tekst(debiteur.naam, 70))
    info = sub(initiation, "PmtInf")
    sub(info, "PmtInfId", bericht_id)
    sub(info, "PmtMtd", "TRF")
    sub(info, "BtchBookg", "true")
    sub(info, "NbOfTxs", count)
    sub(info, "CtrlSum", total)
    sub(sub(sub(info, "PmtTpInf"), "SvcLvl"), "Cd", "SEPA")
    sub(info, "ReqdExctnDt", uitvoerdatum.isoformat())
    sub(sub(info, "Dbtr"), "Nm", sepa_tekst(debiteur.naam, 70))
    sub(sub(sub(info, "DbtrAcct"), "Id"), "IBAN", debiteur.iban)
    sub(sub(sub(info, "DbtrAgt"), "FinInstnId"), "BIC", debiteur.bic)
    sub(info, "ChrgBr", "SLEV")
    for o in overboekingen:
        tx = sub(info, "CdtTrfTxInf")
        sub(sub(tx, "PmtId"), "EndToEndId", o.end_to_end_id)
        sub(sub(tx, "Amt"), "InstdAmt", _euro(o.bedrag), Ccy="EUR")
        sub(sub(tx, "Cdtr"), "Nm", sepa_tekst(o.naam, 70))
        sub(sub(sub(tx, "CdtrAcct"), "Id"), "IBAN", o.iban)
        sub(sub(tx, "RmtInf"), "Ustrd", sepa_tekst(o.omschrijving, 140))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(document, encoding="unicode") + "\n"
