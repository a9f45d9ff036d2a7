#!/bin/bash
# Runs once, when the PostgreSQL volume is created: one role and one database per service; no service can
# connect to another's database (PUBLIC loses CONNECT).
set -euo pipefail
# The copy in deploy/k8s/overlays/dev/postgres/ (kustomize loads files only from below the overlay) must stay
# identical: deploy-check compares them.
for svc in intake routing registers decision; do
  var="BBZ_${svc^^}_DB_PASSWORD"
  password="${!var:?$var is not set}"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
       -v role="$svc" -v password="$password" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"role" OWNER :"role";
REVOKE ALL ON DATABASE :"role" FROM PUBLIC;
SQL
done
