#!/bin/sh
# Builds the sample app and the benchmarks jar, then runs the HTTP load test
# (dev.wasmworkers.benchmarks.load.LoadTest) from the repository root with the given
# arguments, e.g. benchmarks/load-test.sh --duration 10s; --help lists the options.
set -eu
cd "$(dirname "$0")/.."
./mvnw -q -B -pl sample-app,benchmarks -am package -DskipTests
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp benchmarks/target/benchmarks.jar \
	dev.wasmworkers.benchmarks.load.LoadTest "$@"
