# Peers from Debian packages, installed with apt-get when missing (we run as root here): sqitch (with
# its PostgreSQL driver) and sql-migrate. Sourced by eng/bench/peers.sh.

apt_install() { # $1: a command that must exist afterwards; the rest: packages
    local command="$1"
    shift
    command -v "${command}" >/dev/null && return 0
    ((EUID == 0)) || { echo "${command} is not installed and installing it needs root (apt-get install $*)"; return 1; }
    local log="${peers_dir}/apt-${command}.log"
    # A fresh machine has no package lists yet: refresh them once when the first try finds nothing.
    DEBIAN_FRONTEND=noninteractive apt-get install -y "$@" >"${log}" 2>&1 ||
        { apt-get update >>"${log}" 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y "$@" >>"${log}" 2>&1; } ||
        { echo "apt-get install $* failed (see ${log})"; return 1; }
}

# sqitch: a plan file naming each change, deploy/<change>.sql each wrapped in BEGIN/COMMIT as sqitch's
# own templates do; its registry (schema sqitch) lives in the target database. It runs each deploy
# script through a psql process, so it is as slow as "psql per file" by construction.
sqitch_install() { apt_install sqitch sqitch libdbd-pg-perl && sqitch --version; }
sqitch_prepare() {
    local dir="${layouts}/sqitch" file name
    bench_wrap_migrations "${migrations}" "${dir}/deploy" 'BEGIN;' 'COMMIT;'
    printf '[core]\n\tengine = pg\n' >"${dir}/sqitch.conf"
    printf '%%syntax-version=1.0.0\n%%project=bench\n\n' >"${dir}/sqitch.plan"
    for file in "${migrations}"/*.sql; do
        name="$(basename "${file}" .sql)"
        echo "${name} 2026-01-01T00:00:00Z Bench <bench@example.com> # ${name}" >>"${dir}/sqitch.plan"
    done
}
sqitch_run() { # $1: database, $2: command
    (cd "${layouts}/sqitch" && SQITCH_FULLNAME=Bench SQITCH_EMAIL=bench@example.com sqitch "$2" "db:pg://postgres@127.0.0.1:${port}/$1")
}
sqitch_up() { sqitch_run "$1" deploy; }
sqitch_status() { sqitch_run "$1" status; }
sqitch_applied() { psql_cmd -d "$1" -At -c 'SELECT count(*) FROM sqitch.changes'; }

# sql-migrate: -- +migrate Up / -- +migrate Down sections, a dbconfig.yml with one environment; each
# migration in its own transaction with its gorp_migrations row.
sql_migrate_install() { apt_install sql-migrate sql-migrate && dpkg-query -W -f='${Version}\n' sql-migrate; }
sql_migrate_prepare() { bench_wrap_migrations "${migrations}" "${layouts}/sql_migrate/migrations" '-- +migrate Up' '-- +migrate Down'; }
sql_migrate_run() { # $1: database, $2: command
    printf 'bench:\n  dialect: postgres\n  datasource: host=127.0.0.1 port=%s user=postgres dbname=%s sslmode=disable\n  dir: %s\n' \
        "${port}" "$1" "${layouts}/sql_migrate/migrations" >"${layouts}/sql_migrate/$1.yml"
    sql-migrate "$2" -config="${layouts}/sql_migrate/$1.yml" -env=bench
}
sql_migrate_up() { sql_migrate_run "$1" up; }
sql_migrate_status() { sql_migrate_run "$1" status; }
sql_migrate_applied() { psql_cmd -d "$1" -At -c 'SELECT count(*) FROM gorp_migrations'; }
