"""Every table of this service, so that alembic and the relay see one metadata."""

from bbz_common.idempotency import IdempotencyMixin
from bbz_common.outbox import OutboxMixin
from intake_api.aanvragen.models import Aanvraag, StatusWijziging
from intake_api.db import Base


class OutboxMessage(OutboxMixin, Base):
    pass


class IdempotencyRecord(IdempotencyMixin, Base):
    pass


__all__ = ["Aanvraag", "IdempotencyRecord", "OutboxMessage", "StatusWijziging"]
