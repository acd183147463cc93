#!/bin/bash
# Requests per second of the C hello worker served by the starter, against a plain Spring handler answering
# the same bytes, on WebFlux (Netty) and Spring MVC (Tomcat); the ratios are printed last.
#
# For each stack it starts two servers side by side: the sample app's jar (sample-app, or sample-app-webmvc),
# and a plain handler (benchmarks' PlainWebFluxApplication, or PlainWebMvcApplication) run on that same jar's
# libraries, so with the same server, Actuator and observations, but no workers. It checks that both answer
# /hello with the same bytes, warms each up with wrk, then runs wrk rounds alternating plain, worker, plain,
# worker... and prints each round, the medians and worker/plain. With each round it also prints the server's CPU
# time per request (user and system time of all its threads, from /proc, over the round's requests), which
# says where a change saves work even when the machine's noise hides it in the rates.
#
# Usage: benchmarks/http-vs-plain.sh   (from anywhere; run it on a machine doing nothing else)
# Settings, as environment variables:
#   JAVA_HOME   the JDK to run both servers (default: java on the PATH)
#   JVM_FLAGS   flags of both servers (default: -XX:-DontCompileHugeMethods -Xmx1g)
#   PLAIN_ARGS, WORKER_ARGS  application arguments of the plain server, of the worker server (default: none),
#               e.g. WORKER_ARGS=--management.observations.enable.wasm.worker=false
#   STACKS      which stacks, among webflux and webmvc (default: "webflux webmvc")
#   WARMUP      wrk warm-up of each server, in seconds (default: 60: the JIT takes that long to compile the
#               workers' large methods; with 30 s the worker server was still getting faster in later rounds)
#   DURATION    seconds per round (default: 10)
#   ROUNDS      rounds per server (default: 3)
#   THREADS     wrk threads (default: 2)
#   CONNECTIONS wrk connections (default: 32)
#   SKIP_BUILD  set to 1 to use the jars already built
set -euo pipefail
cd "$(dirname "$0")/.."

java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jvm_flags="${JVM_FLAGS:--XX:-DontCompileHugeMethods -Xmx1g}"
stacks="${STACKS:-webflux webmvc}"
warmup="${WARMUP:-60}"
duration="${DURATION:-10}"
rounds="${ROUNDS:-3}"
threads="${THREADS:-2}"
connections="${CONNECTIONS:-32}"

command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }
if [ "${SKIP_BUILD:-0}" != 1 ]; then
	./mvnw -q -B -pl sample-app,sample-app-webmvc,benchmarks -am package -DskipTests
fi

work="$(mktemp -d)"
pids=()
stop_servers() {
	for pid in "${pids[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	for pid in "${pids[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
	pids=()
}
trap 'stop_servers; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

# Starts a server on a free port and sets server_port once it serves. $1: log file; the rest: java arguments.
start_server() {
	local log="$1"
	shift
	# shellcheck disable=SC2086
	"$java" $jvm_flags "$@" --server.port=0 >"$log" 2>&1 &
	pids+=("$!")
	local port=""
	for _ in $(seq 1 600); do
		port="$(sed -n 's/.*\(Netty\|Tomcat\) started on port \([0-9]*\).*/\2/p' "$log" | head -n 1)"
		if [ -n "$port" ] && grep -q "Started .* in " "$log"; then
			server_port="$port"
			return 0
		fi
		if ! kill -0 "${pids[-1]}" 2>/dev/null; then
			break
		fi
		sleep 0.2
	done
	echo "The server logging to $log did not start:" >&2
	tail -n 20 "$log" >&2
	return 1
}

# One wrk round of $1 seconds against port $2, served by process $3: prints its requests per second and the
# server's CPU time (user and system, all its threads) per request, in microseconds.
round() {
	local before after
	before="$(cpu_ticks "$3")"
	wrk -t"$threads" -c"$connections" -d"${1}s" "http://127.0.0.1:$2/hello" >"$work/wrk.out"
	after="$(cpu_ticks "$3")"
	awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" \
		'/ requests in / { n = $1 } /^Requests\/sec/ { r = $2 } END { printf "%s %.0f\n", r, ticks * 1e6 / hz / n }' \
		"$work/wrk.out"
}

cpu_ticks() {
	awk '{ print $14 + $15 }' "/proc/$1/stat"
}

median() {
	sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

echo "# http-vs-plain.sh, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "# JDK: $("$java" -version 2>&1 | head -n 1); flags: $jvm_flags"
echo "# machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# wrk -t$threads -c$connections, warm-up ${warmup}s per server, $rounds rounds of ${duration}s alternating"
echo "# plain server arguments: ${PLAIN_ARGS:-none}; worker server arguments: ${WORKER_ARGS:-none}"

summary=()
for stack in $stacks; do
	case "$stack" in
	webflux) app=sample-app; main=dev.wasmworkers.benchmarks.plain.webflux.PlainWebFluxApplication ;;
	webmvc) app=sample-app-webmvc; main=dev.wasmworkers.benchmarks.plain.webmvc.PlainWebMvcApplication ;;
	*) echo "Unknown stack '$stack' (webflux or webmvc)" >&2; exit 2 ;;
	esac
	jar="$(ls "$app"/target/"$app"-*.jar | grep -v -- '-plain.jar$' | head -n 1)"
	"$java" -Djarmode=tools -jar "$jar" extract --destination "$work/$app" >/dev/null
	# shellcheck disable=SC2086
	start_server "$work/$stack-plain.log" -cp "benchmarks/target/classes:$work/$app/lib/*" "$main" ${PLAIN_ARGS:-}
	plain_port="$server_port"
	plain_pid="${pids[-1]}"
	# shellcheck disable=SC2086
	start_server "$work/$stack-worker.log" -jar "$jar" ${WORKER_ARGS:-}
	worker_port="$server_port"
	worker_pid="${pids[-1]}"
	plain_page="$(curl -fsS "http://127.0.0.1:$plain_port/hello" | sha256sum)"
	worker_page="$(curl -fsS "http://127.0.0.1:$worker_port/hello" | sha256sum)"
	if [ "$plain_page" != "$worker_page" ]; then
		echo "The plain handler and the worker answer different bytes on /hello" >&2
		exit 1
	fi
	echo
	echo "## $stack: plain handler on port $plain_port, $app's C hello worker on port $worker_port"
	round "$warmup" "$plain_port" "$plain_pid" >/dev/null
	round "$warmup" "$worker_port" "$worker_pid" >/dev/null
	plain_rates=()
	worker_rates=()
	plain_cpus=()
	worker_cpus=()
	for i in $(seq 1 "$rounds"); do
		read -r rate cpu < <(round "$duration" "$plain_port" "$plain_pid")
		plain_rates+=("$rate")
		plain_cpus+=("$cpu")
		read -r rate cpu < <(round "$duration" "$worker_port" "$worker_pid")
		worker_rates+=("$rate")
		worker_cpus+=("$cpu")
		echo "round $i: plain ${plain_rates[-1]} req/s (${plain_cpus[-1]} us CPU/request)," \
			"worker ${worker_rates[-1]} req/s (${worker_cpus[-1]} us CPU/request)"
	done
	stop_servers
	plain_median="$(printf '%s\n' "${plain_rates[@]}" | median)"
	worker_median="$(printf '%s\n' "${worker_rates[@]}" | median)"
	plain_cpu="$(printf '%s\n' "${plain_cpus[@]}" | median)"
	worker_cpu="$(printf '%s\n' "${worker_cpus[@]}" | median)"
	summary+=("$(awk -v s="$stack" -v p="$plain_median" -v w="$worker_median" -v pc="$plain_cpu" -v wc="$worker_cpu" \
		'BEGIN { printf "%-8s plain %9.0f req/s %4.0f us CPU/req   worker %9.0f req/s %4.0f us CPU/req   worker/plain %.2f", s, p, pc, w, wc, w / p }')")
done

echo
echo "## Medians"
printf '%s\n' "${summary[@]}"
