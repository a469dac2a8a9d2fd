# A local cluster of Storyworld: N Payara Micro instances on this machine's PostgreSQL and Redis,
# behind HAProxy with deploy/haproxy/storyworld.cfg. Sourced by scripts/run-cluster.sh and by the
# cluster benchmarks (bench/rolling-restart.sh, bench/retention-cluster.sh); it starts nothing by itself.
# The caller sets root (the repository), cluster_dir (logs, pids, keys), CLUSTER_DB, LB_PORT and
# APP_PORTS (one port per instance, at most 3: the HAProxy configuration names app1..app3), and
# installs cluster_stop as its EXIT trap. Processes are stopped by their pids only.

PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
REDIS_PORT=${REDIS_PORT:-6379}
DB_USER=storyworld
DB_PASSWORD=storyworld
LB_ADMIN_PORT=${LB_ADMIN_PORT:-$((LB_PORT + 9))}
# How long a SIGTERM may take: the drain, then Payara's shutdown grace (as long), then the server's stop.
DRAIN_SECONDS=${STORYWORLD_SHUTDOWN_DRAIN_SECONDS:-5}

# The runtime, from one place (scripts/runtime.sh, as the local run and the benchmarks): Payara Micro
# 7 on a JDK 21 or later (JAVA_HOME if it is one), its jar from Maven's repository.
# shellcheck source=scripts/runtime.sh
source "$root/scripts/runtime.sh"
PAYARA_VERSION=$PAYARA_MICRO_VERSION
PAYARA_JAR=${PAYARA_JAR:-$HOME/.m2/repository/fish/payara/extras/payara-micro/$PAYARA_VERSION/payara-micro-$PAYARA_VERSION.jar}
CLUSTER_JDK=${CLUSTER_JDK:-$(find_jdk 21 99)}
[ -n "$CLUSTER_JDK" ] || { echo "no JDK 21 or later found for Payara Micro $PAYARA_VERSION (set JAVA_HOME)" >&2; exit 1; }
JAVA=$CLUSTER_JDK/bin/java
WAR=${STORYWORLD_WAR:-$root/web/target/storyworld.war}

declare -a app_pid=()
lb_pid=""

say() { printf '== %s\n' "$*" >&2; }
fail() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Installs the Debian package of a missing command.
cluster_need() {
    command -v "$1" >/dev/null 2>&1 && return
    say "Installing $2"
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q "$2" >/dev/null 2>&1 \
        || { as_root apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q "$2" >/dev/null; }
    command -v "$1" >/dev/null 2>&1 || fail "cannot install $2"
}

# PostgreSQL and Redis of this machine, installed and started as .ci/run does when they are not up.
cluster_ensure_backends() {
    cluster_need haproxy haproxy
    cluster_need curl curl
    if ! pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null; then
        cluster_need pg_ctlcluster postgresql
        say "Starting PostgreSQL"
        as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start || true
        for _ in $(seq 1 30); do pg_isready -q -h "$PGHOST" -p "$PGPORT" && break; sleep 1; done
        pg_isready -q -h "$PGHOST" -p "$PGPORT" || fail "PostgreSQL does not answer on $PGHOST:$PGPORT"
    fi
    if [ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" != PONG ]; then
        cluster_need redis-server redis-server
        say "Starting Redis"
        as_root mkdir -p /var/lib/redis /var/log/redis
        as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" --appendonly no \
            --dir /var/lib/redis --logfile /var/log/redis/cluster.log
        for _ in $(seq 1 30); do [ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ] && break; sleep 1; done
    fi
}

psql_admin() {
    if psql -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -qtAc 'SELECT 1' >/dev/null 2>&1; then
        psql -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"
    else
        as_root su postgres -c "psql -p $PGPORT -d postgres -v ON_ERROR_STOP=1 -qtA $(printf '%q ' "$@")"
    fi
}
psql_cluster() { PGPASSWORD=$DB_PASSWORD psql -h "$PGHOST" -p "$PGPORT" -U "$DB_USER" -d "$CLUSTER_DB" -v ON_ERROR_STOP=1 -qtA "$@"; }

# The role, and the database: kept across runs unless fresh=true (the benchmarks start from nothing).
cluster_database() {
    local fresh=${1:-false}
    if [ -z "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'")" ]; then
        psql_admin -c "CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASSWORD'"
    fi
    if $fresh; then psql_admin -c "DROP DATABASE IF EXISTS $CLUSTER_DB WITH (FORCE)"; fi
    if [ -z "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$CLUSTER_DB'")" ]; then
        psql_admin -c "CREATE DATABASE $CLUSTER_DB OWNER $DB_USER"
    fi
}

# What every instance must share: the database, Redis, the key that signs and verifies dev tokens,
# and the cursor secret. Both secrets are made once and kept in $cluster_dir/keys.
cluster_settings() {
    mkdir -p "$cluster_dir/keys"
    [ -s "$cluster_dir/keys/cursor.secret" ] || head -c 32 /dev/urandom | base64 > "$cluster_dir/keys/cursor.secret"
    # A first connection made by a cold JVM on a busy small machine can take longer than the driver's
    # 2 s login bound; the deploy then fails. Locally, a longer bound costs nothing.
    export STORYWORLD_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$CLUSTER_DB?${CLUSTER_DB_PARAMS:-loginTimeout=15}"
    export STORYWORLD_DB_USER=$DB_USER STORYWORLD_DB_PASSWORD=$DB_PASSWORD
    export STORYWORLD_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
    export STORYWORLD_CURSOR_SECRET
    STORYWORLD_CURSOR_SECRET=$(cat "$cluster_dir/keys/cursor.secret")
    export STORYWORLD_DEV_TOKENS_ENABLED=true
    export STORYWORLD_DEV_TOKENS_PRIVATE_KEY_LOCATION="$cluster_dir/keys/dev-tokens.pem"
    export STORYWORLD_SHUTDOWN_DRAIN_SECONDS=$DRAIN_SECONDS
}

# Payara Micro for instance i (1-based) on ${APP_PORTS[i-1]}, a fresh root dir each start (a reused one
# redeploys the previous run's WAR first). Returns at once; cluster_wait_instance waits for it.
cluster_start_instance() {
    local i=$1 port=${APP_PORTS[$(($1 - 1))]}
    [ -f "$PAYARA_JAR" ] || fail "no Payara Micro $PAYARA_VERSION jar at $PAYARA_JAR (build the project once, or set PAYARA_JAR)"
    port_open "$port" && fail "port $port (instance $i) is already in use"
    rm -rf "$cluster_dir/app$i-root"
    mkdir -p "$cluster_dir/app$i-root"
    # The first start writes the dev-token key; the others must wait for it and read the same one.
    # shellcheck disable=SC2086
    "$JAVA" ${CLUSTER_JAVA_OPTS:--Xmx384m} -Djava.io.tmpdir="$cluster_dir/app$i-root" \
        -Djakarta.json.provider=org.eclipse.parsson.JsonProviderImpl -jar "$PAYARA_JAR" \
        --deploy "$cluster_dir/storyworld.war" --contextroot / --port "$port" --nohazelcast \
        --rootdir "$cluster_dir/app$i-root" --prebootcommandfile "$root/deploy/payara-micro/preboot.asadmin" \
        --postdeploycommandfile "$root/deploy/payara-micro/postdeploy.asadmin" ${PAYARA_OPTS:-} >>"$cluster_dir/app$i.log" 2>&1 &
    app_pid[i]=$!
}

# Waits until instance i answers its readiness probe. Under a heavy machine load the first pool
# connection can time out while the application deploys: Payara then runs with nothing deployed
# ("Deployed": [] in its log) and the probe stays 404. Such a start is stopped and made again, twice at most.
cluster_wait_instance() {
    local i=$1 port=${APP_PORTS[$(($1 - 1))]} waited=0 tries=1
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/v1/ready")" = 200 ]; do
        kill -0 "${app_pid[i]}" 2>/dev/null || { tail -n 30 "$cluster_dir/app$i.log" >&2; fail "instance $i exited; see $cluster_dir/app$i.log"; }
        if [ "$tries" -lt 3 ] && grep -A1 '"Deployed": \[' "$cluster_dir/app$i.log" | tail -n 1 | grep -q '^ *\]'; then
            say "Instance $i started without the application (see $cluster_dir/app$i.log); starting it again"
            kill -KILL "${app_pid[i]}" 2>/dev/null || true
            wait "${app_pid[i]}" 2>/dev/null || true
            mv "$cluster_dir/app$i.log" "$cluster_dir/app$i.failed-$tries.log"
            cluster_start_instance "$i"
            tries=$((tries + 1))
            waited=0
        fi
        [ "$waited" -lt 300 ] || fail "instance $i not ready after 300 s; see $cluster_dir/app$i.log"
        sleep 1
        waited=$((waited + 1))
    done
}

# One after the other: JVMs starting side by side on a small machine can miss the driver's 2 s login
# timeout with their first connection (cold code), and the start then has to be made again.
cluster_start_instances() {
    local i
    [ -f "$WAR" ] || fail "no WAR at $WAR"
    # A private copy: a rebuild must not swap the WAR under running instances.
    cp "$WAR" "$cluster_dir/storyworld.war"
    for i in $(seq 1 ${#APP_PORTS[@]}); do
        cluster_start_instance "$i"
        cluster_wait_instance "$i"
    done
}

cluster_start_lb() {
    port_open "$LB_PORT" && fail "port $LB_PORT (load balancer) is already in use"
    STORYWORLD_LB_BIND="127.0.0.1:$LB_PORT" STORYWORLD_LB_ADMIN="ipv4@127.0.0.1:$LB_ADMIN_PORT" \
        STORYWORLD_LB_ERRORS="$root/deploy/haproxy/errors" \
        STORYWORLD_APP1="127.0.0.1:${APP_PORTS[0]}" STORYWORLD_APP2="127.0.0.1:${APP_PORTS[1]:-1}" \
        STORYWORLD_APP3="127.0.0.1:${APP_PORTS[2]:-1}" \
        haproxy -db -f "$root/deploy/haproxy/storyworld.cfg" >>"$cluster_dir/haproxy.log" 2>&1 &
    lb_pid=$!
    local i waited=0
    until port_open "$LB_ADMIN_PORT"; do
        kill -0 "$lb_pid" 2>/dev/null || { cat "$cluster_dir/haproxy.log" >&2; fail "HAProxy exited"; }
        [ "$waited" -lt 40 ] || fail "HAProxy's runtime API does not answer on $LB_ADMIN_PORT"
        sleep 0.25
        waited=$((waited + 1))
    done
    for i in $(seq 1 ${#APP_PORTS[@]}); do cluster_wait_lb_status "$i" UP 30; done
}

# One command of HAProxy's runtime API; prints its answer.
lb_admin() {
    exec 7<>"/dev/tcp/127.0.0.1/$LB_ADMIN_PORT" || fail "HAProxy's runtime API does not answer on $LB_ADMIN_PORT"
    printf '%s\n' "$1" >&7
    cat <&7
    exec 7<&-
}

# A field of instance i's row in HAProxy's statistics (CSV: 5 scur, current sessions; 18 status).
lb_stat() { lb_admin "show stat" | awk -F, -v s="app$1" -v f="$2" '$1 == "storyworld" && $2 == s { print $f }'; }

cluster_wait_lb_status() {
    local i=$1 want=$2 seconds=${3:-60} waited=0
    until lb_stat "$i" 18 | grep -q "^$want"; do
        [ "$waited" -lt $((seconds * 4)) ] || fail "HAProxy does not see instance $i $want after $seconds s (it sees $(lb_stat "$i" 18))"
        sleep 0.25
        waited=$((waited + 1))
    done
}

# A planned restart of instance i, the way an operator (or Kubernetes' preStop) does it: the load
# balancer stops giving it new requests and lets its requests in flight end, then SIGTERM (the
# service drains whatever still arrives), a new start, readiness, and back into rotation.
cluster_restart_instance() {
    local i=$1 lb_first=${2:-true} waited=0
    if $lb_first; then
        lb_admin "set server storyworld/app$i state drain" >/dev/null
        until [ "$(lb_stat "$i" 5)" = 0 ]; do
            [ "$waited" -lt 40 ] || break
            sleep 0.25
            waited=$((waited + 1))
        done
    fi
    kill -TERM "${app_pid[i]}"
    cluster_wait_exit "$i" $((2 * DRAIN_SECONDS + 30)) || { kill -KILL "${app_pid[i]}" 2>/dev/null; fail "instance $i did not stop after SIGTERM"; }
    cluster_start_instance "$i"
    cluster_wait_instance "$i"
    $lb_first && lb_admin "set server storyworld/app$i state ready" >/dev/null
    cluster_wait_lb_status "$i" UP 60
}

cluster_wait_exit() {
    local i=$1 seconds=$2 waited=0
    while kill -0 "${app_pid[i]}" 2>/dev/null; do
        [ "$waited" -lt $((seconds * 4)) ] || return 1
        sleep 0.25
        waited=$((waited + 1))
    done
    wait "${app_pid[i]}" 2>/dev/null || true
}

cluster_kill_instance() {
    kill -KILL "${app_pid[$1]}"
    wait "${app_pid[$1]}" 2>/dev/null || true
}

# Stops what this script started, by pid: the load balancer first (no new requests), then the instances.
cluster_stop() {
    local i
    [ -z "$lb_pid" ] || kill "$lb_pid" 2>/dev/null || true
    for i in "${!app_pid[@]}"; do kill -TERM "${app_pid[i]}" 2>/dev/null || true; done
    for i in "${!app_pid[@]}"; do
        cluster_wait_exit "$i" $((2 * DRAIN_SECONDS + 30)) || kill -KILL "${app_pid[i]}" 2>/dev/null || true
    done
    [ -z "$lb_pid" ] || wait "$lb_pid" 2>/dev/null || true
    app_pid=()
    lb_pid=""
}
