import registers_adapter.models  # noqa: F401  (registers every table on Base.metadata)
from bbz_common.migrations import run_env
from registers_adapter.config import get_settings
from registers_adapter.db import Base

run_env(Base.metadata, get_settings().resolved_database_url())
