#!/usr/bin/env bash
# Builds relationships-module and this benchmark, runs it, and prints the average time of one normalize of
# 200 NPC entries. Extra arguments go to JMH (for example -f 3 for more forks).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

# The benchmark resolves the module from the local repository, so install it (and the parent pom it names).
mvn -q -B -N install -f "$root/pom.xml"
mvn -q -B install -DskipTests -f "$root/relationships-module/pom.xml"
mvn -q -B package -f "$here/pom.xml"

# Wall-clock figures: on a shared machine they grow with the load, so it is printed beside them.
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
java -jar "$here/target/benchmarks.jar" -f 1 -wi 3 -w 1s -i 5 -r 1s \
    -rf csv -rff "$here/target/jmh-result.csv" "$@" NormalizeBenchmark

echo
awk -F, 'NR > 1 { gsub(/"/, ""); sub(/.*\./, "", $1); printf "%s: %.2f ± %.2f %s per normalize of 200 NPC entries\n", $1, $5, $6, $7 }' \
    "$here/target/jmh-result.csv"
echo "load average (1, 5, 15 min) before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
