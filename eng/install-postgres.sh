#!/usr/bin/env bash
# Makes PostgreSQL's server programs (initdb, pg_ctl) available when they are missing: with apt-get,
# when this runs as root on Debian/Ubuntu. Says what it does; exits 0 when they are there afterwards,
# 1 when they are not (the caller decides what to do without them). Used by .ci/run, eng/test.sh and
# eng/sample.sh, so the three install the same way.
set -uo pipefail

have_initdb() {
    command -v initdb >/dev/null 2>&1 && return 0
    compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null
}

have_initdb && exit 0
if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "install-postgres: initdb not found; installing PostgreSQL with apt-get" >&2
    apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql >&2 \
        || echo "install-postgres: apt-get could not install PostgreSQL" >&2
else
    echo "install-postgres: initdb not found, and apt-get cannot install it here (not root, or no apt-get); install PostgreSQL's server programs (Debian/Ubuntu: apt-get install postgresql)" >&2
fi
have_initdb
