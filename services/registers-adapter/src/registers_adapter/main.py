"""registers-adapter application."""

from fastapi import FastAPI

from bbz_common.app import api_of, create_service_app
from registers_adapter.bbz_gegevens.router import router as bbz_router
from registers_adapter.config import Settings, get_settings
from registers_adapter.upstreams.registry import MockApps, Registers
from registers_adapter.verwerkingen.router import router as verwerkingen_router

DESCRIPTION = """The single door of the Open Bbz suite to the base registers: BRP (persons), KVK
(Handelsregister), Suwinet and the municipality's own Tozo/Bbz registration. Answers are minimised to what the
Bbz process needs, every value carries its source, and every read of personal data is logged as a processing
record."""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    mocks = MockApps.create(settings)

    async def start_registers(app: FastAPI) -> None:
        registers = Registers.create(settings, mocks)
        for target in (app, api_of(app)):
            target.state.registers = registers

    async def stop_registers(app: FastAPI) -> None:
        await app.state.registers.aclose()

    app = create_service_app(
        settings=settings,
        title="Open Bbz registers-adapter",
        description=DESCRIPTION,
        routers=[bbz_router, verwerkingen_router],
        tags=[
            {"name": "bbz-gegevens", "description": "The Bbz-facing look-up"},
            {"name": "verwerkingen", "description": "Processing records for auditors"},
        ],
        on_startup=[start_registers],
        on_shutdown=[stop_registers],
    )
    # The mock upstreams, outside the /v1 contract: /mock/brp/haalcentraal/api/brp/personen,
    # /mock/kvk/api/v1/basisprofielen/{kvkNummer}, /mock/suwinet/{dienst}, /mock/gemeente/v1/bbz-historie/zoeken.
    if settings.mount_mocks:
        mocks.mount_on(app)
    return app
