# The runtimes: the Payara versions and the JDKs the servers run on. Sourced by scripts/run-local.sh,
# scripts/aot-cache.sh, .ci/run and bench/service.sh. Payara Micro 7 (the primary runtime) needs Java
# 21 or later, its AOT cache Java 25; Payara 6 (Payara Server for the EAR, Payara Micro 6) runs on
# Java 17. The versions are the poms' (payara.micro.version, payara6.version; RuntimeVersionsTest).
PAYARA_MICRO_VERSION=7.2026.11
PAYARA6_VERSION=6.2025.10

# The feature version of the JDK or JRE at $1 (25 for 25.0.1), from its release file; empty if none.
jdk_feature() {
    local home=$1 version
    [ -x "$home/bin/java" ] || return 0
    version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null)
    if [ -z "$version" ]; then
        version=$("$home/bin/java" -XshowSettings:properties -version 2>&1 \
            | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
    fi
    echo "$version"
}

# The home of a JDK whose feature version is within [$1, $2]: JAVA_HOME first, then the newest of
# the usual places (/usr/lib/jvm, /opt/java, the JDK of `java` on the PATH; JDK_SEARCH_PATH replaces
# the first two). Prints nothing if none.
find_jdk() {
    local min=$1 max=$2 best="" best_feature=0 home feature on_path=""
    if command -v java >/dev/null 2>&1; then
        on_path=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    fi
    if [ -n "${JAVA_HOME:-}" ]; then
        feature=$(jdk_feature "$JAVA_HOME")
        if [ -n "$feature" ] && [ "$feature" -ge "$min" ] && [ "$feature" -le "$max" ]; then
            echo "$JAVA_HOME"
            return 0
        fi
    fi
    for home in ${JDK_SEARCH_PATH:-/usr/lib/jvm/* /opt/java/*} $on_path; do
        [ -L "$home" ] && continue
        feature=$(jdk_feature "$home")
        [ -n "$feature" ] || continue
        if [ "$feature" -ge "$min" ] && [ "$feature" -le "$max" ] && [ "$feature" -gt "$best_feature" ]; then
            best=$home
            best_feature=$feature
        fi
    done
    [ -n "$best" ] && echo "$best"
    return 0
}

# --- The AOT cache (scripts/aot-cache.sh) -----------------------------------------------------------
# Its directory, beside the WAR: root/ is Payara Micro unpacked with its launcher (launch-micro.jar, a
# flat class path), config.pristine/ that root's config as the launcher left it, storyworld.aot the cache.
AOT_DIR_DEFAULT=web/target/payara-micro-aot

# The launcher always runs Payara in its own directory (it overrides --rootdir), and a start there
# keeps the deployments and domain.xml of the start before, whose application it would deploy again
# first: this puts the directory back as the launcher left it, before every start.
aot_reset_root() {
    local dir=$1
    rm -rf "$dir/root/applications" "$dir/root/autodeploy" "$dir/root/generated" "$dir/root/.env" "$dir/root/config"
    cp -a "$dir/config.pristine" "$dir/root/config"
}

# Whether java $1 can map the cache of AOT directory $2 with its launcher's class path: -XX:AOTMode=on
# makes a mismatch (another JDK build, changed jars) fatal, where a start would warn and run without it.
aot_cache_usable() {
    local java=$1 dir=$2
    [ -s "$dir/storyworld.aot" ] && [ -f "$dir/root/launch-micro.jar" ] || return 1
    "$java" -XX:AOTMode=on -XX:AOTCache="$dir/storyworld.aot" -cp "$dir/root/launch-micro.jar" -version >/dev/null 2>&1
}
