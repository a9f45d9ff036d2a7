#!/bin/sh
# Open Bbz container entry point.
#   serve     uvicorn on 0.0.0.0:$BBZ_PORT (default 8000), $BBZ_WORKERS workers (default 1, a socket each);
#             the outbox relay runs inside (every worker of every replica)
#   migrate   alembic upgrade head on the service's own database (<PREFIX>_DATABASE_URL)
#   wait-for-migrations   wait until the database is at head (an init container; the migration Job migrates)
#   <other>   run as a command (e.g. `alembic current`, `python`)
set -eu
package="$(echo "${BBZ_SERVICE:?BBZ_SERVICE is not set}" | tr '-' '_')"
case "${1:-serve}" in
  serve)
    shift || true
    if [ "${BBZ_WORKERS:-1}" -gt 1 ]; then
      # A listening socket per worker (SO_REUSEPORT): uvicorn's own workers share one, and a burst of new
      # connections can land on one worker (deploy/README.md, "Workers"). Extra arguments: bbz_common.serve's.
      exec python -m bbz_common.serve "${package}.main:create_app" --factory \
        --host 0.0.0.0 --port "${BBZ_PORT:-8000}" --workers "${BBZ_WORKERS}" \
        --forwarded-allow-ips "${BBZ_FORWARDED_ALLOW_IPS:-127.0.0.1}" \
        --no-access-log --timeout-graceful-shutdown "${BBZ_GRACEFUL_SECONDS:-20}" "$@"
    fi
    exec uvicorn "${package}.main:create_app" --factory \
      --host 0.0.0.0 --port "${BBZ_PORT:-8000}" \
      --proxy-headers --forwarded-allow-ips "${BBZ_FORWARDED_ALLOW_IPS:-127.0.0.1}" \
      --no-access-log --timeout-graceful-shutdown "${BBZ_GRACEFUL_SECONDS:-20}" "$@"
    ;;
  migrate)
    shift
    exec alembic -c "${BBZ_APP_DIR:-/app}/alembic.ini" upgrade "${1:-head}"
    ;;
  wait-for-migrations)
    deadline=$(( $(date +%s) + ${BBZ_MIGRATION_WAIT_SECONDS:-600} ))
    until alembic -c "${BBZ_APP_DIR:-/app}/alembic.ini" current 2>/dev/null | grep -q '(head)'; do
      if [ "$(date +%s)" -ge "$deadline" ]; then
        echo "the database is not at the migration head; is the migration Job done?" >&2
        exit 1
      fi
      sleep 3
    done
    ;;
  *)
    exec "$@"
    ;;
esac
