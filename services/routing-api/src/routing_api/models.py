"""Every table of this service."""

from bbz_common.idempotency import IdempotencyMixin
from routing_api.beleid.models import BeleidsversieRij
from routing_api.db import Base
from routing_api.routering.models import Routering


class IdempotencyRecord(IdempotencyMixin, Base):
    pass


__all__ = ["Base", "BeleidsversieRij", "IdempotencyRecord", "Routering"]
