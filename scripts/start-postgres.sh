#!/usr/bin/env bash
# Starts Debian's PostgreSQL cluster (installing nothing), makes sure the role `quadrant` (password `quadrant`,
# allowed to create databases) exists, and loads pg_stat_statements, with which the warehouse test and bench show
# that a pushed-down analysis brings back only aggregates. Used by CI and by anyone running the PostgreSQL suites
# locally (as root):
#   bash scripts/start-postgres.sh && QUADRANT_TEST_PG_URL=postgres://quadrant:quadrant@127.0.0.1:5432/postgres npm test
# Idempotent: the cluster is restarted only when pg_stat_statements is not loaded yet (once per machine).
set -euo pipefail
version=$(ls /etc/postgresql 2>/dev/null | sort -n | tail -1)
if [ -z "$version" ]; then
  echo "PostgreSQL is not installed (apt-get install -y postgresql)" >&2
  exit 1
fi
if ! pg_lsclusters -h | awk '{print $4}' | grep -q online; then
  pg_ctlcluster "$version" main start
fi
wait_ready() {
  for _ in $(seq 1 30); do
    if su postgres -c "pg_isready -q -h 127.0.0.1 -p 5432"; then return 0; fi
    sleep 1
  done
  echo "PostgreSQL $version did not accept connections within 30 s" >&2
  exit 1
}
wait_ready
sql() { su postgres -c "psql -v ON_ERROR_STOP=1 -qAt -d postgres" <<<"$1"; }

# pg_stat_statements must be in shared_preload_libraries, which only a restart applies. Libraries someone else
# preloads are kept.
loaded=$(sql "SHOW shared_preload_libraries")
if [[ ",${loaded// /}," != *",pg_stat_statements,"* ]]; then
  configured=$(sql "SELECT coalesce((SELECT setting FROM pg_file_settings WHERE name = 'shared_preload_libraries' AND applied IS NOT FALSE ORDER BY seqno DESC LIMIT 1), '')")
  if [[ ",${configured// /}," != *",pg_stat_statements,"* ]]; then
    libraries=$(sed -E 's/^,+|,+$//g' <<<"${configured// /},pg_stat_statements")
    sql "ALTER SYSTEM SET shared_preload_libraries = '$libraries'"
  fi
  echo "Restarting PostgreSQL $version once to load pg_stat_statements"
  pg_ctlcluster "$version" main restart
  wait_ready
fi

sql "$(cat <<'SQL'
SET client_min_messages = warning;
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'quadrant') THEN
    CREATE ROLE quadrant LOGIN CREATEDB PASSWORD 'quadrant';
  END IF;
END $$;
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
GRANT pg_read_all_stats TO quadrant;
SQL
)"
echo "PostgreSQL $version is up on 127.0.0.1:5432 (role quadrant, pg_stat_statements loaded)"
