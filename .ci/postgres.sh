#!/usr/bin/env bash
# A PostgreSQL server for the history-store tests (tests/test_store.py, tests/test_scan.py).
#
# Installs Debian's postgresql package if it is missing, starts its cluster,
# creates a role and a database, and prints one line for the caller to eval:
#
#   eval "$(bash .ci/postgres.sh)"    # sets SITELINT_TEST_POSTGRES_URL
#
# Needs root (CI runs as root on Debian). Progress goes to stderr; stdout
# carries only the export line. Safe to run again: everything is "if missing".
set -euo pipefail

role="${SITELINT_PG_ROLE:-sitelint}"
password="${SITELINT_PG_PASSWORD:-sitelint}"
database="${SITELINT_PG_DATABASE:-sitelint_test}"

installed_version() {
  ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1
}

if ! command -v pg_ctlcluster >/dev/null || [ -z "$(installed_version)" ] \
  || [ ! -x "/usr/lib/postgresql/$(installed_version)/bin/postgres" ]; then
  echo "postgres.sh: installing Debian's postgresql" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
version="$(installed_version)"

if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version main"; then
  pg_createcluster "$version" main >&2
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $4}' | grep -qx online; then
  # No systemd in CI containers: pg_ctlcluster starts the server directly.
  pg_ctlcluster "$version" main start >&2
fi
port="$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')"

for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 1
done
pg_isready -h 127.0.0.1 -p "$port" >&2

as_postgres() {
  runuser -u postgres -- psql -p "$port" -v ON_ERROR_STOP=1 -qtA "$@"
}
if [ "$(as_postgres -c "SELECT 1 FROM pg_roles WHERE rolname = '$role'")" != "1" ]; then
  as_postgres -c "CREATE ROLE \"$role\" LOGIN PASSWORD '$password'" >&2
fi
if [ "$(as_postgres -c "SELECT 1 FROM pg_database WHERE datname = '$database'")" != "1" ]; then
  as_postgres -c "CREATE DATABASE \"$database\" OWNER \"$role\"" >&2
fi

echo "postgres.sh: PostgreSQL $version on 127.0.0.1:$port, database $database" >&2
echo "export SITELINT_TEST_POSTGRES_URL=postgresql://$role:$password@127.0.0.1:$port/$database"
