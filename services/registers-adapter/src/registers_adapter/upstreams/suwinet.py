"""Client of the Suwinet JSON façade (UWV, SVB, DUO, RDW, Kadaster) and of the municipal Tozo/Bbz registration."""

from __future__ import annotations

from typing import Any

from registers_adapter.upstreams.base import UpstreamClient, fout_code

# The Suwinet services (diensten) the Bbz process reads, by their Suwinet-Inkijk names.
UWV_INKOMSTEN = "UWVDossierInkomstenGSD"
SVB_PERSOON = "SVBDossierPersoonGSD"
DUO_STUDIEFINANCIERING = "DUODossierStudiefinancieringGSD"
RDW_VOERTUIGEN = "RDWDossierGSD"
KADASTER_ONROERENDE_ZAKEN = "KadasterDossierGSD"
BRP_PERSOON = "BRPDossierPersoonGSD"


class SuwinetClient(UpstreamClient):
    register = "Suwinet"

    async def raadpleeg(self, dienst: str, bsn: str) -> dict[str, Any] | None:
        """The dossier of one person at one service, or None when Suwinet finds nothing."""
        response = await self.request("POST", f"/{dienst}", json={"burgerservicenummer": bsn})
        if response.status_code == 200:
            dossier: dict[str, Any] = response.json()
            return dossier
        if response.status_code == 404 and fout_code(response) == "NietsGevonden":
            return None
        raise self.reject(response)


class GemeenteClient(UpstreamClient):
    register = "gemeentelijke registratie"

    async def bbz_historie(self, bsn: str) -> dict[str, Any]:
        response = await self.request("POST", "/v1/bbz-historie/zoeken", json={"burgerservicenummer": bsn})
        if response.status_code != 200:
            raise self.reject(response)
        historie: dict[str, Any] = response.json()
        return historie
