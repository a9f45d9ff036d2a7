"""Every table of this service."""

from bbz_common.idempotency import IdempotencyMixin
from bbz_common.outbox import OutboxMixin
from decision_api.behandelingen.models import Behandeling, Notitie
from decision_api.beschikkingen.models import Beschikking
from decision_api.besluiten.models import Besluit, Besluitvoorstel
from decision_api.betalingen.models import Betaalbestand, Betaalopdracht
from decision_api.bevindingen.models import Bevinding
from decision_api.db import Base
from decision_api.debiteuren.models import Ontvangst
from decision_api.leningen.models import Lening
from decision_api.normen.models import Norm
from decision_api.parameters.models import Parameter
from decision_api.steekproef.models import Steekproefcontrole
from decision_api.termijnen.models import Herstelverzoek
from decision_api.vaststelling.models import Vordering


class OutboxMessage(OutboxMixin, Base):
    pass


class IdempotencyRecord(IdempotencyMixin, Base):
    pass


__all__ = [
    "Base",
    "Behandeling",
    "Beschikking",
    "Besluit",
    "Besluitvoorstel",
    "Betaalbestand",
    "Betaalopdracht",
    "Bevinding",
    "Herstelverzoek",
    "IdempotencyRecord",
    "Lening",
    "Norm",
    "Notitie",
    "Ontvangst",
    "OutboxMessage",
    "Parameter",
    "Steekproefcontrole",
    "Vordering",
]
