# Peers from npm: dbmate (a Go binary shipped in its npm package) and node-pg-migrate, installed
# with `npm install --prefix` into ${peers_dir}/npm. Sourced by eng/bench/peers.sh.

dbmate_bin="${peers_dir}/npm/node_modules/.bin/dbmate"
npm_pg_bin="${peers_dir}/npm/node_modules/.bin/node-pg-migrate"

npm_install_peers() {
    local prefix="${peers_dir}/npm"
    if [[ ! -x "${dbmate_bin}" || ! -x "${npm_pg_bin}" ]]; then
        command -v npm >/dev/null || { echo "npm not found"; return 1; }
        npm install --prefix "${prefix}" --no-audit --no-fund dbmate node-pg-migrate pg >"${peers_dir}/npm.log" 2>&1 ||
            { echo "npm install failed (see ${peers_dir}/npm.log)"; return 1; }
    fi
}

# dbmate: <version>_<name>.sql with -- migrate:up / -- migrate:down sections; each migration in its
# own transaction with its schema_migrations row.
dbmate_install() { npm_install_peers && "${dbmate_bin}" --version; }
dbmate_prepare() { bench_wrap_migrations "${migrations}" "${layouts}/dbmate" '-- migrate:up' '-- migrate:down'; }
dbmate_run() { "${dbmate_bin}" --url "${server}/$1?sslmode=disable" --migrations-dir "${layouts}/dbmate" --no-dump-schema "$2"; }
dbmate_up() { dbmate_run "$1" up; }
dbmate_status() { dbmate_run "$1" status; }
dbmate_applied() { psql_cmd -d "$1" -At -c 'SELECT count(*) FROM schema_migrations'; }

# node-pg-migrate: SQL files with -- Up Migration / -- Down Migration markers. By default it runs all
# pending migrations in one transaction; --no-single-transaction gives each its own, as the others do.
# It has no status command (its `up --dry-run` prints SQL, which is no listing): status is left out.
node_pg_migrate_install() {
    npm_install_peers &&
        node -p "require('${peers_dir}/npm/node_modules/node-pg-migrate/package.json').version"
}
node_pg_migrate_prepare() { bench_wrap_migrations "${migrations}" "${layouts}/node_pg_migrate" '-- Up Migration' '-- Down Migration'; }
node_pg_migrate_up() {
    DATABASE_URL="${server}/$1" "${npm_pg_bin}" up -m "${layouts}/node_pg_migrate" --no-single-transaction --no-verbose
}
node_pg_migrate_applied() { psql_cmd -d "$1" -At -c 'SELECT count(*) FROM pgmigrations'; }
