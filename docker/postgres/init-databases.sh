#!/usr/bin/env bash
# Runs once, when the postgres:17 container initialises its volume: one database and one
# owner per service (database per service), with the passwords compose passes in.
set -euo pipefail
create() {
  local database="$1" owner="$2" password="$3"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
create role ${owner} login password '${password}';
create database ${database} owner ${owner};
SQL
}
create catalog catalog "${CATALOG_DB_PASSWORD}"
create orders orders "${ORDERS_DB_PASSWORD}"
create warehouse warehouse "${WAREHOUSE_DB_PASSWORD}"
