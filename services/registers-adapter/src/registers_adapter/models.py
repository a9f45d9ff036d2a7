"""Every table of this service."""

from registers_adapter.db import Base
from registers_adapter.verwerkingen.models import Verwerking

__all__ = ["Base", "Verwerking"]
