#!/usr/bin/env bash
# Starts a local PostgreSQL server from Debian's packages on 127.0.0.1:5432 for development and CI
# (no Docker needed). Idempotent. `tools/services/postgres.sh down` stops it.
# Prints the DATABASE_URL to use on its last line.
set -euo pipefail

DB_USER=${KYC_PG_USER:-kyc}
DB_PASSWORD=${KYC_PG_PASSWORD:-kyc}
DB_NAME=${KYC_PG_DB:-kyc}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

cluster_version() { pg_lsclusters --no-header 2>/dev/null | awk '{print $1; exit}'; }

if [ "${1:-up}" = down ]; then
  v=$(cluster_version)
  [ -n "$v" ] && as_root pg_ctlcluster --skip-systemctl-redirect "$v" main stop || true
  exit 0
fi

if ! command -v pg_ctlcluster >/dev/null || [ -z "$(cluster_version)" ]; then
  echo "installing PostgreSQL from the distribution's packages" >&2
  as_root apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >&2
fi

v=$(cluster_version)
if ! pg_lsclusters --no-header | awk '{print $4}' | grep -q online; then
  as_root pg_ctlcluster --skip-systemctl-redirect "$v" main start >&2
fi

psql_admin() { as_root su postgres -c "psql -v ON_ERROR_STOP=1 -qAtc \"$1\"" ; }
for _ in $(seq 1 30); do psql_admin 'select 1' >/dev/null 2>&1 && break; sleep 1; done

if [ "$(psql_admin "select 1 from pg_roles where rolname='$DB_USER'")" != 1 ]; then
  psql_admin "create role $DB_USER login superuser password '$DB_PASSWORD'" >&2
fi
if [ "$(psql_admin "select 1 from pg_database where datname='$DB_NAME'")" != 1 ]; then
  psql_admin "create database $DB_NAME owner $DB_USER" >&2
fi

echo "postgresql://$DB_USER:$DB_PASSWORD@127.0.0.1:5432/$DB_NAME"
