#!/usr/bin/env bash
# Writes a migrations folder shaped like a real project's (golang-migrate spelling, timestamps, an up and
# a down file each), deterministic for a given count: long CREATE TABLEs with defaults, checks, foreign
# keys and comments; plpgsql functions and triggers; views; seed data and backfills of 10 to 40
# statements; indexes; and every 25th file a CREATE INDEX CONCURRENTLY without a transaction.
#   eng/bench/realistic-folder.sh <folder> [count]     (default 300 files)
set -euo pipefail

dir="$1"
count="${2:-300}"
mkdir -p "${dir}"

columns() { # $1: table, $2: how many extra columns
    local i types=(text "varchar(120)" integer bigint "numeric(12,2)" boolean timestamptz date jsonb uuid)
    for ((i = 1; i <= $2; i++)); do
        local type="${types[$(((i * 7 + ${#1}) % ${#types[@]}))]}"
        case "${type}" in
            boolean) printf '    flag_%d boolean NOT NULL DEFAULT false,\n' "${i}" ;;
            timestamptz) printf '    at_%d timestamptz NOT NULL DEFAULT now(),\n' "${i}" ;;
            integer) printf '    count_%d integer NOT NULL DEFAULT 0 CHECK (count_%d >= 0),\n' "${i}" "${i}" ;;
            jsonb) printf "    data_%d jsonb NOT NULL DEFAULT '{}'::jsonb,\n" "${i}" ;;
            *) printf '    col_%d %s,\n' "${i}" "${type}" ;;
        esac
    done
}

table_file() { # $1: n; a table with 8 to 25 columns, its comments and indexes
    local n="$1" t="table_$1"
    cat <<SQL
-- Table for feature ${n}: one row per entity, soft-deleted, audited by the trigger of a later migration.
CREATE TABLE ${t} (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id bigint NOT NULL,
    name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
$(columns "${t}" $((6 + n % 18)))
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    UNIQUE (tenant_id, name)
);

COMMENT ON TABLE ${t} IS 'Entities of feature ${n}';
COMMENT ON COLUMN ${t}.tenant_id IS 'Owning tenant; every query filters on it';
CREATE INDEX ${t}_tenant_created_idx ON ${t} (tenant_id, created_at DESC);
CREATE INDEX ${t}_live_idx ON ${t} (tenant_id) WHERE deleted_at IS NULL;
SQL
}

function_file() { # $1: n, $2: an earlier table; a plpgsql trigger function and its trigger on it
    local n="$1" t="$2"
    cat <<SQL
/* Keeps updated_at current and records a change row.
   Written as plpgsql because the audit row needs the old values. */
CREATE TABLE changes_${n} (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    row_id bigint NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now(),
    old_name text,
    new_name text
);

CREATE OR REPLACE FUNCTION touch_${n}() RETURNS trigger
LANGUAGE plpgsql AS \$body\$
DECLARE
    changed boolean := false;
BEGIN
    -- A semicolon in a comment; and one in a string: 'a;b'
    IF TG_OP = 'UPDATE' AND NEW.name IS DISTINCT FROM OLD.name THEN
        changed := true;
        INSERT INTO changes_${n} (row_id, old_name, new_name) VALUES (OLD.id, OLD.name, NEW.name);
    END IF;
    NEW.updated_at := now();
    IF changed THEN
        RAISE DEBUG 'row % renamed from % to %', OLD.id, OLD.name, NEW.name;
    END IF;
    RETURN NEW;
END;
\$body\$;

CREATE TRIGGER touch_${n} BEFORE UPDATE ON ${t}
    FOR EACH ROW EXECUTE FUNCTION touch_${n}();
SQL
}

data_file() { # $1: n, $2: an earlier table; seed rows and a backfill on it: 10 to 40 statements
    local n="$1" t="$2" i
    echo "-- Seed data for ${t}, then a backfill of the new column."
    for ((i = 1; i <= 8 + n % 30; i++)); do
        printf "INSERT INTO %s (tenant_id, name) VALUES (%d, 'seed %d of migration %d');\n" "${t}" "$((i % 5 + 1))" "${i}" "${n}"
    done
    printf 'ALTER TABLE %s ADD COLUMN IF NOT EXISTS score_%d integer;\n' "${t}" "${n}"
    printf "UPDATE %s SET score_%d = char_length(name) WHERE score_%d IS NULL;\n" "${t}" "${n}" "${n}"
    printf 'CREATE OR REPLACE VIEW live_%d AS\n    SELECT id, tenant_id, name, created_at FROM %s WHERE deleted_at IS NULL;\n' "${n}" "${t}"
}

concurrent_file() { # $1: n, $2: an earlier table; an index built without blocking writes, outside a transaction
    printf -- '-- migrate:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS updated_%d_idx ON %s (updated_at);\n' "$1" "$2"
}

last_table=""
for ((n = 1; n <= count; n++)); do
    # Timestamps a few hours apart, as `migrate create -ext sql` writes them.
    version="$(date -u -d "@$((1672531200 + n * 3 * 3607))" +%Y%m%d%H%M%S)"
    if ((n > 3 && n % 25 == 0)); then
        kind=concurrent
    else
        case $((n % 4)) in
            1) kind=table ;;
            2) kind=function ;;
            3) kind=data ;;
            0) kind=table ;;
        esac
        ((n > 3)) || kind=table
    fi
    base="${dir}/${version}_${kind}_${n}"
    "${kind}_file" "${n}" "${last_table}" >"${base}.up.sql"
    case "${kind}" in
        table) echo "DROP TABLE IF EXISTS table_${n} CASCADE;" ;;
        function) echo "DROP TRIGGER IF EXISTS touch_${n} ON ${last_table}; DROP FUNCTION IF EXISTS touch_${n}(); DROP TABLE IF EXISTS changes_${n};" ;;
        data) echo "DROP VIEW IF EXISTS live_${n}; ALTER TABLE ${last_table} DROP COLUMN IF EXISTS score_${n};" ;;
        concurrent) echo "-- nothing to revert: the table's drop removes the index" ;;
    esac >"${base}.down.sql"
    [[ "${kind}" != table ]] || last_table="table_${n}"
done
