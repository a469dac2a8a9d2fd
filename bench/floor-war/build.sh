#!/usr/bin/env bash
# Builds the platform floor's WAR (bench/floor-war/target/floor.war) with plain javac and jar: a
# minimal JAX-RS application, outside the product, that bench/framework-floor.sh runs on the same
# Payara Micro as Storyworld to measure what the platform itself can do on this machine.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo=${MAVEN_REPO:-$HOME/.m2/repository}
apis=("jakarta.ws.rs:jakarta.ws.rs-api:3.1.0" "jakarta.enterprise:jakarta.enterprise.cdi-api:4.0.1")
classpath=""
for api in "${apis[@]}"; do
    IFS=: read -r group artifact version <<<"$api"
    jar="$repo/${group//.//}/$artifact/$version/$artifact-$version.jar"
    [ -f "$jar" ] || mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get -Dartifact="$api" >&2
    classpath="$classpath:$jar"
done
rm -rf "$here/target" && mkdir -p "$here/target/war/WEB-INF/classes"
javac --release 17 -d "$here/target/war/WEB-INF/classes" -cp "${classpath#:}" "$here"/src/bench/floor/*.java
(cd "$here/target/war" && jar cf ../floor.war .)
echo "$here/target/floor.war"
