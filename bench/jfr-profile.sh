#!/usr/bin/env bash
# Where one endpoint's time goes: Payara Micro with the WAR (as service.sh starts it), 30 s of wrk
# warm-up, then a 20 s JFR recording ("profile" settings) under wrk -t2 -c32, summed by package and
# by application method (inclusive share of the CPU samples).
#
# Usage: bench/jfr-profile.sh '/api/v1/game/worlds/{id}'    ({id} becomes a world of the token's user)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
PORT=${STORYWORLD_BENCH_PORT:-8095}
DB=storyworld_profile
ENDPOINT=${1:?usage: bench/jfr-profile.sh <path>}

# shellcheck source=bench/service.sh
source "$here/service.sh"

need wrk wrk
ensure_service_tools
ensure_war
reset_database
BENCH_JAVA_OPTS="-Xmx512m -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints" start_payara
token=$(api POST /api/v1/dev/tokens '{"user_id": 7}' | jq -r '.token')
world_id=$(api POST /api/v1/game/worlds '{"name": "profiled"}' | jq -r '.id')
path=${ENDPOINT//\{id\}/$world_id}
printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "$token" >"$tmp/token.lua"

log "Warm-up: 30 s of $path"
wrk -t2 -c32 -d30s -s "$tmp/token.lua" "http://127.0.0.1:$PORT$path" >/dev/null
jcmd "$payara_pid" JFR.start name=profile settings=profile duration=20s filename="$tmp/recording.jfr" >/dev/null
log "Recording: 20 s of $path"
wrk -t2 -c32 -d20s -s "$tmp/token.lua" "http://127.0.0.1:$PORT$path" | grep -E "Requests/sec"
sleep 2
jfr print --events jdk.ExecutionSample --stack-depth 80 "$tmp/recording.jfr" >"$tmp/samples.txt"
stop_payara
python3 - "$tmp/samples.txt" <<'PY'
import collections, re, sys
samples = [re.findall(r'^\s+([\w.$<>]+)\(', e, re.M) for e in open(sys.argv[1]).read().split('jdk.ExecutionSample')[1:]]
samples = [frames for frames in samples if frames]
packages = ['dev.storyworld', 'org.glassfish.grizzly', 'org.apache.catalina', 'org.glassfish.jersey', 'org.jboss.weld',
            'org.eclipse.persistence', 'org.postgresql', 'org.eclipse.yasson', 'org.eclipse.parsson', 'fish.payara',
            'io.opentelemetry', 'sun.security']
by_package = collections.Counter(p for frames in samples for p in packages if any(f.startswith(p) for f in frames))
by_method = collections.Counter(f for frames in samples for f in set(frames) if f.startswith('dev.storyworld'))
print(f'{len(samples)} samples; inclusive share by package:')
for name, count in by_package.most_common():
    print(f'{100 * count / len(samples):6.1f} %  {name}')
print('inclusive share by application method:')
for name, count in by_method.most_common(15):
    print(f'{100 * count / len(samples):6.1f} %  {name}')
PY
