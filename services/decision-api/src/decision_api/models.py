"""Every table of this service."""

from bbz_common.idempotency import IdempotencyMixin
from bbz_common.outbox import OutboxMixin
from decision_api.behandelingen.models import Behandeling
from decision_api.besluiten.models import Besluit
from decision_api.db import Base


class OutboxMessage(OutboxMixin, Base):
    pass


class IdempotencyRecord(IdempotencyMixin, Base):
    pass


__all__ = ["Base", "Behandeling", "Besluit", "IdempotencyRecord", "OutboxMessage"]
