#!/bin/bash
# Runs inside the deployment script's container (Azure CLI image, in the VNet's script subnet) as
# the PostgreSQL server administrator, given PGHOST, PGDATABASE, PGUSER, PGPASSWORD, PGSSLMODE,
# APP_ROLE and APP_PASSWORD. Creates the app's login role, or updates its password, and grants it
# the anshin database only. Idempotent: it runs on every deployment.
#
# What the role can do: connect to the anshin database, create schemas there (the app creates the
# pgboss schema) and create tables in its public schema (the app's migrations). It owns only what it
# creates. It is not a superuser, cannot create databases or roles, and is not a member of
# azure_pg_admin.
set -euo pipefail

if ! command -v psql >/dev/null 2>&1; then
  # The Azure CLI image has no PostgreSQL client: Azure Linux images use tdnf, older ones Alpine.
  if command -v tdnf >/dev/null 2>&1; then
    tdnf install -y -q postgresql >/dev/null
  else
    apk add --no-cache -q postgresql-client >/dev/null
  fi
fi

# psql quotes the values itself (format %I / %L): the password never appears in the SQL text.
psql --no-psqlrc -v ON_ERROR_STOP=1 -v role="$APP_ROLE" -v pw="$APP_PASSWORD" -v db="$PGDATABASE" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'role')
  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', :'role', :'pw') \gexec
SELECT format('GRANT CONNECT, CREATE, TEMPORARY ON DATABASE %I TO %I', :'db', :'role') \gexec
SELECT format('GRANT USAGE, CREATE ON SCHEMA public TO %I', :'role') \gexec
SELECT rolname, rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = :'role';
SQL

echo "{\"appRole\":\"$APP_ROLE\"}" > "$AZ_SCRIPTS_OUTPUT_PATH"
