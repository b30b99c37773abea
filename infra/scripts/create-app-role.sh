#!/bin/bash
# Runs inside the deployment script's container (Azure CLI image, in the VNet's script subnet) as
# the PostgreSQL server administrator, given PGHOST, PGDATABASE, PGUSER, PGPASSWORD, PGSSLMODE,
# APP_ROLE, APP_PASSWORD, OWNER_ROLE and OWNER_PASSWORD. Creates the two login roles, or updates
# their passwords, and grants them the anshin database only. Idempotent: it runs on every deployment.
#
# The owner role (DATABASE_OWNER_URL) owns the schema: it runs the migrations at the app's start and
# then grants the app role what it needs (src/store/grants.ts), with grant option on exactly that.
# The app role (DATABASE_URL) can connect, create schemas (the app creates and owns its job queue's
# pgboss schema), read and write the app's tables, and only read and append to the audit log: it
# cannot create tables in public, own them, or drop their triggers. Neither role is a superuser, can
# create databases or roles, or is a member of azure_pg_admin.
#
# Upgrading a deployment where the app role created (and so owns) the tables: the objects it owns in
# public are handed to the owner role below (the administrator is made a member of both for that).
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
psql --no-psqlrc -v ON_ERROR_STOP=1 -v role="$APP_ROLE" -v pw="$APP_PASSWORD" -v owner="$OWNER_ROLE" -v opw="$OWNER_PASSWORD" -v db="$PGDATABASE" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', r)
  FROM unnest(ARRAY[:'role', :'owner']) AS r WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) \gexec
SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', :'role', :'pw') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', :'owner', :'opw') \gexec
-- The owner: the schema's tables are its; it may pass on connect and create (for pgboss) to the app.
SELECT format('GRANT CONNECT, CREATE, TEMPORARY ON DATABASE %I TO %I WITH GRANT OPTION', :'db', :'owner') \gexec
SELECT format('GRANT USAGE, CREATE ON SCHEMA public TO %I WITH GRANT OPTION', :'owner') \gexec
-- The app: no CREATE in public any more (it created the tables before the owner role existed).
SELECT format('GRANT CONNECT, CREATE, TEMPORARY ON DATABASE %I TO %I', :'db', :'role') \gexec
SELECT format('REVOKE CREATE ON SCHEMA public FROM %I', :'role') \gexec
SELECT format('GRANT USAGE ON SCHEMA public TO %I', :'role') \gexec
-- Upgrade: tables, sequences and functions in public that the app role owns become the owner's.
SELECT format('GRANT %I, %I TO CURRENT_USER', :'role', :'owner') \gexec
SELECT format('ALTER %s %s OWNER TO %I', CASE c.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, c.oid::regclass, :'owner')
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'S') AND pg_get_userbyid(c.relowner) = :'role'
   AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i'))) \gexec
SELECT format('ALTER FUNCTION %s OWNER TO %I', p.oid::regprocedure, :'owner')
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) = :'role' \gexec
SELECT format('REVOKE %I, %I FROM CURRENT_USER', :'role', :'owner') \gexec
SELECT rolname, rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname IN (:'role', :'owner');
SQL

echo "{\"appRole\":\"$APP_ROLE\",\"ownerRole\":\"$OWNER_ROLE\"}" > "$AZ_SCRIPTS_OUTPUT_PATH"
