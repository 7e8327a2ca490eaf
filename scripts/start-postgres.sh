#!/usr/bin/env bash
# Starts Debian's PostgreSQL cluster (installing nothing) and makes sure the role `quadrant` (password `quadrant`,
# allowed to create databases) exists. Used by CI and by anyone running the PostgreSQL suites locally:
#   bash scripts/start-postgres.sh && QUADRANT_TEST_PG_URL=postgres://quadrant:quadrant@127.0.0.1:5432/postgres npm test
set -euo pipefail
version=$(ls /etc/postgresql 2>/dev/null | sort -n | tail -1)
if [ -z "$version" ]; then
  echo "PostgreSQL is not installed (apt-get install -y postgresql)" >&2
  exit 1
fi
if ! pg_lsclusters -h | awk '{print $4}' | grep -q online; then
  pg_ctlcluster "$version" main start
fi
for _ in $(seq 1 30); do
  if su postgres -c "pg_isready -q -h 127.0.0.1 -p 5432"; then break; fi
  sleep 1
done
su postgres -c "psql -v ON_ERROR_STOP=1 -q -d postgres" <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'quadrant') THEN
    CREATE ROLE quadrant LOGIN CREATEDB PASSWORD 'quadrant';
  END IF;
END $$;
SQL
echo "PostgreSQL $version is up on 127.0.0.1:5432 (role quadrant)"
