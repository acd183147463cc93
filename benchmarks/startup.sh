#!/bin/bash
# Start-up of the sample app serving a folder of C and JavaScript workers, against the same app serving an
# empty folder (the baseline), with the compile cache cold (deleted before the start) and warm (kept from
# the start before), extracted: warm, on the jar extracted as Spring Boot recommends for production
# (java -Djarmode=tools -jar app.jar extract), and trained: extracted, with the JVM's class data archive of a
# training run (Spring Boot's recipe: CDS on JDK 17 to 24, the AOT cache on JDK 25 and later). Rounds
# alternate baseline, cold, warm, extracted, trained; medians and the workers' share are printed last.
#
# The folder holds copies of sample-app/workers/hello.wasm, each made a distinct module by a custom section
# (StartupFolder), and copies of sample-app/workers/js/hello.js. Figures are the app's own log lines:
# "Loaded N workers from ... in T ms" and "Started SampleApplication in S seconds (process running for P)".
#
# Usage: benchmarks/startup.sh   (from anywhere; run it on a machine doing nothing else)
# Settings, as environment variables:
#   JAVA_HOME   the JDK (default: java on the PATH)
#   JVM_FLAGS   flags (default: -XX:-DontCompileHugeMethods -Xmx1g)
#   C_WORKERS   C workers in the folder (default: 100)
#   JS_WORKERS  JavaScript workers in the folder (default: 20)
#   ROUNDS      rounds (default: 3)
#   TRAINED     set to 0 to leave out the extracted and trained starts
#   SKIP_BUILD  set to 1 to use the jars already built
set -euo pipefail
cd "$(dirname "$0")/.."

java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jvm_flags="${JVM_FLAGS:--XX:-DontCompileHugeMethods -Xmx1g}"
c_workers="${C_WORKERS:-100}"
js_workers="${JS_WORKERS:-20}"
rounds="${ROUNDS:-3}"
kinds="empty cold warm"
[ "${TRAINED:-1}" = 1 ] && kinds="$kinds extracted trained"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
	./mvnw -q -B -pl sample-app,benchmarks -am package -DskipTests
fi
jar="$(ls sample-app/target/sample-app-*.jar | head -n 1)"

work="$(mktemp -d)"
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
mkdir "$work/empty"
"$java" -cp benchmarks/target/benchmarks.jar dev.wasmworkers.benchmarks.startup.StartupFolder \
	"$work/workers" "$c_workers" "$js_workers"

# Starts the app on the folder $1 until it serves, then stops it; sets load (ms), started and process (s).
# Further arguments are JVM flags and the jar to run (default: the packaged jar as it is).
start_once() {
	local folder="$1"
	shift
	[ $# -eq 0 ] && set -- -jar "$jar"
	local log="$work/start.log"
	# shellcheck disable=SC2086
	"$java" $jvm_flags "$@" --wasm.workers.path="$folder" --wasm.workers.watch=false --server.port=0 \
		>"$log" 2>&1 &
	server="$!"
	for _ in $(seq 1 1200); do
		if grep -q "Started SampleApplication in" "$log" || ! kill -0 "$server" 2>/dev/null; then
			break
		fi
		sleep 0.1
	done
	kill "$server" 2>/dev/null || true
	wait "$server" 2>/dev/null || true
	server=""
	load="$(sed -n 's/.*Loaded [0-9]* workers from .* in \([0-9]*\) ms.*/\1/p' "$log" | head -n 1)"
	started="$(sed -n 's/.*Started SampleApplication in \([0-9.]*\) seconds.*/\1/p' "$log")"
	process="$(sed -n 's/.*Started SampleApplication in .*(process running for \([0-9.]*\)).*/\1/p' "$log")"
	if [ -z "$load" ] || [ -z "$started" ]; then
		echo "The app did not start:" >&2
		tail -n 20 "$log" >&2
		return 1
	fi
}

median() {
	sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

echo "# startup.sh, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "# JDK: $("$java" -version 2>&1 | head -n 1); flags: $jvm_flags"
echo "# machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# $jar serving $c_workers C and $js_workers JavaScript workers; $rounds rounds of ${kinds// /, }"

trained_flags=()
if [[ " $kinds " == *" trained "* ]]; then
	# Spring Boot's recipe: extract the jar, run it on the folder to record the classes it loads, stopping once
	# the context is refreshed (the workers are loaded then), and start with what was recorded.
	"$java" -Djarmode=tools -jar "$jar" extract --destination "$work/app" >/dev/null
	app="$work/app/$(basename "$jar")"
	extracted_flags=(-jar "$app")
	version="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
	if [ "${version%%.*}" -ge 25 ]; then
		record=(-XX:AOTCacheOutput="$work/app.aot")
		trained_flags=(-XX:AOTCache="$work/app.aot" -jar "$app")
	else
		record=(-XX:ArchiveClassesAtExit="$work/app.jsa")
		trained_flags=(-XX:SharedArchiveFile="$work/app.jsa" -jar "$app")
	fi
	# The first run fills the compile cache, so that the recorded one loads the workers as a warm start does.
	for recording in no yes; do
		flags=(-Dspring.context.exit=onRefresh)
		[ "$recording" = yes ] && flags+=("${record[@]}")
		# shellcheck disable=SC2086
		if ! "$java" $jvm_flags "${flags[@]}" -jar "$app" --wasm.workers.path="$work/workers" \
			--wasm.workers.watch=false --server.port=0 >"$work/training.log" 2>&1; then
			echo "The training run failed:" >&2
			tail -n 20 "$work/training.log" >&2
			exit 1
		fi
	done
	echo "# trained: ${record[*]} on a training run of the extracted jar, then ${trained_flags[*]}"
fi
echo
echo "round  kind     load-ms  started-s  process-s"
declare -A loads starts processes
for round in $(seq 1 "$rounds"); do
	for kind in $kinds; do
		folder="$work/workers"
		[ "$kind" = empty ] && folder="$work/empty"
		[ "$kind" = cold ] && rm -rf "$work/workers/.wws"
		if [ "$kind" = trained ]; then
			start_once "$folder" "${trained_flags[@]}"
		elif [ "$kind" = extracted ]; then
			start_once "$folder" "${extracted_flags[@]}"
		else
			start_once "$folder"
		fi
		printf '%-6s %-8s %7s  %9s  %9s\n' "$round" "$kind" "$load" "$started" "$process"
		loads[$kind]+="$load "
		starts[$kind]+="$started "
		processes[$kind]+="$process "
	done
done

echo
echo "## Medians (ready = Started SampleApplication in; from launch = process running for; workers' share = ready - empty folder's ready, fat-jar starts only)"
empty_ready="$(printf '%s\n' ${starts[empty]} | median)"
for kind in $kinds; do
	load="$(printf '%s\n' ${loads[$kind]} | median)"
	ready="$(printf '%s\n' ${starts[$kind]} | median)"
	launch="$(printf '%s\n' ${processes[$kind]} | median)"
	awk -v k="$kind" -v l="$load" -v r="$ready" -v p="$launch" -v e="$empty_ready" \
		'BEGIN { share = (k == "trained" || k == "extracted") ? "   n/a" : sprintf("%5.2f s", r - e)
		printf "%-8s loaded in %6.0f ms   ready in %5.2f s (from launch %5.2f s)   ready / empty %.2f   workers share %s\n", k, l, r, p, r / e, share }'
done
