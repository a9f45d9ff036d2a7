"""Request dependencies shared by the routers of this service."""

from typing import Annotated

from fastapi import Depends, Request

from bbz_common.auth import APPROVER, AUDITOR, OFFICER, SERVICE, Principal, require_roles
from bbz_common.problems import Forbidden
from decision_api.config import Settings


def service_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_service_settings(request: Request) -> Settings:
    # async: FastAPI runs a plain ``def`` dependency in a worker thread, a thread hop per request for nothing.
    return service_settings(request)


_service = require_roles(SERVICE)


async def require_offerer(request: Request) -> Principal:
    """Only the configured services (intake-api) may offer applications: a service key is not enough."""
    caller = await _service(request)
    if caller.name not in service_settings(request).aanbieders:
        raise Forbidden("Only intake-api offers applications for handling.")
    return caller


Offerer = Annotated[Principal, Depends(require_offerer)]
SettingsDep = Annotated[Settings, Depends(get_service_settings)]
ServiceCaller = Annotated[Principal, Depends(require_roles(SERVICE))]
Backoffice = Annotated[Principal, Depends(require_roles(OFFICER, APPROVER, AUDITOR, SERVICE))]
Officer = Annotated[Principal, Depends(require_roles(OFFICER, APPROVER))]
Approver = Annotated[Principal, Depends(require_roles(APPROVER))]
# Payment orders, loans, claims and debtors: the backoffice only; no pipeline step (service key) needs them.
MoneyReader = Annotated[Principal, Depends(require_roles(OFFICER, APPROVER, AUDITOR))]
