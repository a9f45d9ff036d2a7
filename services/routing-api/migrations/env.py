import routing_api.models  # noqa: F401  (registers every table on Base.metadata)
from bbz_common.migrations import run_env
from routing_api.config import get_settings
from routing_api.db import Base

run_env(Base.metadata, get_settings().resolved_database_url())
