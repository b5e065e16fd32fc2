#!/usr/bin/env bash
# Make sure a PostgreSQL server answers on 127.0.0.1:5432 with trust auth and a database "test":
# start it if it is installed but stopped, install it with apt-get if it is missing.
set -euo pipefail

listening() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }
wait_listening() { for _ in $(seq 1 30); do listening && return 0; sleep 1; done; return 1; }

listening && exit 0

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    echo "PostgreSQL is not installed: installing it with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if [ ! -d "/etc/postgresql/$version/main" ]; then
    pg_createcluster "$version" main
fi
hba="/etc/postgresql/$version/main/pg_hba.conf"
if ! grep -qE '^host\s+all\s+all\s+127\.0\.0\.1/32\s+trust' "$hba"; then
    # Local test server only: the suite connects as postgres without a password.
    sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
fi
echo "Starting PostgreSQL $version"
pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
wait_listening || { echo "PostgreSQL did not start" >&2; exit 1; }
psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='test'" | grep -q 1 ||
    psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE test"
