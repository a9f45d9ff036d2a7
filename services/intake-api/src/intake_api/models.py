"""Every table of this service, so that alembic and the relay see one metadata."""

from bbz_common.idempotency import IdempotencyMixin
from bbz_common.outbox import OutboxMixin
from intake_api.aanvragen.models import Aanvraag, StatusWijziging
from intake_api.bijlagen.models import Bijlage
from intake_api.concepten.models import Concept
from intake_api.db import Base
from intake_api.open_forms.models import FormulierKoppeling, Registratie


class OutboxMessage(OutboxMixin, Base):
    pass


class IdempotencyRecord(IdempotencyMixin, Base):
    pass


__all__ = [
    "Aanvraag",
    "Bijlage",
    "Concept",
    "FormulierKoppeling",
    "IdempotencyRecord",
    "OutboxMessage",
    "Registratie",
    "StatusWijziging",
]
