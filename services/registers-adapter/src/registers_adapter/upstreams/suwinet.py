"""Client of the Suwinet JSON façade (UWV, SVB, DUO, RDW, Kadaster) and of the municipal Tozo/Bbz registration."""

from __future__ import annotations

from typing import Any

from registers_adapter.upstreams.base import UpstreamClient, fout_code
from registers_adapter.upstreams.errors import rejected

SUWINET = "Suwinet"
GEMEENTE = "gemeentelijke registratie"

# The Suwinet services (diensten) the Bbz process reads, by their Suwinet-Inkijk names.
UWV_INKOMSTEN = "UWVDossierInkomstenGSD"
SVB_PERSOON = "SVBDossierPersoonGSD"
DUO_STUDIEFINANCIERING = "DUODossierStudiefinancieringGSD"
RDW_VOERTUIGEN = "RDWDossierGSD"
KADASTER_ONROERENDE_ZAKEN = "KadasterDossierGSD"
BRP_PERSOON = "BRPDossierPersoonGSD"


def dossier_uit(status: int, body: Any) -> dict[str, Any] | None:
    """The dossier from Suwinet's answer (an available register's), or None when Suwinet finds nothing."""
    if status == 200:
        dossier: dict[str, Any] = body
        return dossier
    if status == 404 and fout_code(body) == "NietsGevonden":
        return None
    raise rejected(SUWINET, status)


def historie_uit(status: int, body: Any) -> dict[str, Any]:
    if status != 200:
        raise rejected(GEMEENTE, status)
    historie: dict[str, Any] = body
    return historie


class SuwinetClient(UpstreamClient):
    register = SUWINET

    async def raadpleeg(self, dienst: str, bsn: str) -> dict[str, Any] | None:
        """The dossier of one person at one service, or None when Suwinet finds nothing."""
        return dossier_uit(*await self.call("POST", f"/{dienst}", json={"burgerservicenummer": bsn}))


class GemeenteClient(UpstreamClient):
    register = GEMEENTE

    async def bbz_historie(self, bsn: str) -> dict[str, Any]:
        return historie_uit(*await self.call("POST", "/v1/bbz-historie/zoeken", json={"burgerservicenummer": bsn}))
