#!/usr/bin/env bash
# Builds every example worker and installs the stripped .wasm files into
# sample-app/workers/, builds the misbehaving test workers (workers/c/misbehaving/), the
# host-call test workers (workers/c/host-calls/), the outbound HTTP test worker
# (workers/c/fetch.c) and a component the server refuses into sample-app/test-workers/,
# then smoke-tests each of them under Node's WASI.
#
# Needs: clang + lld + wasi-libc + libclang-rt-14-dev-wasm32 (C), Debian's rustc/cargo +
# libstd-rust-dev-wasm32 + the librust-*-dev crates (Rust, offline), node + npm
# (AssemblyScript, and jco for the components). See workers/README.md. The only downloads
# are the two `npm ci` (npm registry).
# Works from any current directory.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="$root/sample-app/workers"
tests_out="$root/sample-app/test-workers"   # for the isolation and load tests, not served
build="$here/build"           # intermediate results (git-ignored)

# Debian's toolchain: the rustup one that may come first in PATH cannot build wasm32-wasi.
DEBIAN_RUSTC="${DEBIAN_RUSTC:-/usr/bin/rustc}"
DEBIAN_CARGO="${DEBIAN_CARGO:-/usr/bin/cargo}"

step() { printf '\n==> %s\n' "$*"; }
need() {
  command -v "$1" >/dev/null 2>&1 || { echo "build.sh: '$1' not found. $2" >&2; exit 1; }
}
need clang "Install: apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32"
need "$DEBIAN_CARGO" "Install: apt-get install rustc cargo libstd-rust-dev-wasm32 lld librust-{serde,serde-derive,serde-json,http,anyhow,base64,syn,quote,proc-macro2}-dev"
need "$DEBIAN_RUSTC" "Install: apt-get install rustc libstd-rust-dev-wasm32"
need node "Install Node.js 20 or newer (node:wasi preview1 is used for the smoke test)"
need npm "Install npm"

rm -rf "$build"
mkdir -p "$build/c" "$build/as" "$build/checks" "$build/test-workers"

# Copies a built module to its route in sample-app/workers/.
install_worker() {
  local from="$1" to="$out/$2"
  mkdir -p "$(dirname "$to")"
  cp "$from" "$to"
  printf '    %-38s %8d bytes\n' "sample-app/workers/$2" "$(wc -c <"$to")"
}

# Copies a built test worker to sample-app/test-workers/.
install_test_worker() {
  local from="$1" to="$tests_out/$2"
  mkdir -p "$(dirname "$to")"
  cp "$from" "$to"
  printf '    %-38s %8d bytes\n' "sample-app/test-workers/$2" "$(wc -c <"$to")"
}

# ---------------------------------------------------------------- C
step "C workers (clang --target=wasm32-wasi, wasi-libc)"
for worker in hello echo status counter vars read; do
  echo "  building c/$worker.c"
  clang --target=wasm32-wasi -O2 -Wall -Wextra -Werror -Wl,--strip-all \
    -o "$build/c/$worker.wasm" "$here/c/$worker.c" "$here/c/wws.c"
done
install_worker "$build/c/hello.wasm" "hello.wasm"
install_worker "$build/c/echo.wasm" "echo.wasm"
install_worker "$build/c/status.wasm" "status.wasm"
install_worker "$build/c/counter.wasm" "counter.wasm"
install_worker "$build/c/vars.wasm" "vars.wasm"
install_worker "$build/c/read.wasm" "files/read.wasm"
echo "  building c/reactor.c twice (WASI reactors: -mexec-model=reactor, _initialize and no _start)"
clang --target=wasm32-wasi -mexec-model=reactor -O2 -Wall -Wextra -Werror -Wl,--strip-all \
  -o "$build/c/reactor.wasm" "$here/c/reactor.c" "$here/c/wws.c"
clang --target=wasm32-wasi -mexec-model=reactor -O2 -Wall -Wextra -Werror -Wl,--strip-all \
  -DWWS_ANSWER_IN_INITIALIZE -o "$build/c/reactor-init.wasm" "$here/c/reactor.c" "$here/c/wws.c"
install_worker "$build/c/reactor.wasm" "reactor.wasm"
install_worker "$build/c/reactor-init.wasm" "reactor-init.wasm"
echo "  building c/test_wws.c (self-test of wws.c; workers/build/checks, not installed)"
clang --target=wasm32-wasi -O2 -Wall -Wextra -Werror -Wl,--strip-all \
  -o "$build/checks/test_wws.wasm" "$here/c/test_wws.c" "$here/c/wws.c"

# ---------------------------------------------------------------- C test workers
step "C test workers (misbehaving on purpose; installed into sample-app/test-workers/, not served)"
for worker in healthy loop memory-bomb stdout-flood stderr-flood trap exit1 host-files \
              environment slow big-output; do
  echo "  building c/misbehaving/$worker.c"
  clang --target=wasm32-wasi -O2 -Wall -Wextra -Werror -Wl,--strip-all \
    -o "$build/test-workers/$worker.wasm" "$here/c/misbehaving/$worker.c" \
    "$here/c/misbehaving/tw.c" "$here/c/wws.c"
  install_test_worker "$build/test-workers/$worker.wasm" "$worker.wasm"
done
# 15,000 pages (937.5 MiB) of declared initial memory: more than any default memory cap.
echo "  building c/misbehaving/huge-memory.c (--initial-memory=983040000)"
clang --target=wasm32-wasi -O2 -Wall -Wextra -Werror -Wl,--strip-all -Wl,--initial-memory=983040000 \
  -o "$build/test-workers/huge-memory.wasm" "$here/c/misbehaving/huge-memory.c" \
  "$here/c/misbehaving/tw.c" "$here/c/wws.c"
install_test_worker "$build/test-workers/huge-memory.wasm" "huge-memory.wasm"

# ---------------------------------------------------------------- C outbound HTTP test worker
step "C outbound HTTP test worker (http.send-http-request through wws_http.c; sample-app/test-workers/)"
echo "  building c/fetch.c"
clang --target=wasm32-wasi -O2 -Wall -Wextra -Werror -Wl,--strip-all \
  -o "$build/test-workers/fetch.wasm" "$here/c/fetch.c" "$here/c/wws_http.c" "$here/c/wws.c"
install_test_worker "$build/test-workers/fetch.wasm" "fetch.wasm"

# ---------------------------------------------------------------- C host-call test workers
step "C host-call test workers (workers/c/host-calls/; sample-app/test-workers/)"
echo "  building c/host-calls/deep-call.c"
clang --target=wasm32-wasi -O2 -Wall -Wextra -Werror -Wl,--strip-all \
  -o "$build/test-workers/deep-call.wasm" "$here/c/host-calls/deep-call.c" \
  "$here/c/misbehaving/tw.c" "$here/c/wws_http.c" "$here/c/wws.c"
install_test_worker "$build/test-workers/deep-call.wasm" "deep-call.wasm"
for worker in open-files disk-write; do
  echo "  building c/host-calls/$worker.c"
  clang --target=wasm32-wasi -O2 -Wall -Wextra -Werror -Wl,--strip-all \
    -o "$build/test-workers/$worker.wasm" "$here/c/host-calls/$worker.c" \
    "$here/c/misbehaving/tw.c" "$here/c/wws.c"
  install_test_worker "$build/test-workers/$worker.wasm" "$worker.wasm"
done

# ---------------------------------------------------------------- Components
step "Components (npm ci, jco new with the WASI preview1 adapter jco ships)"
(
  cd "$here/components"
  npm ci --no-audit --no-fund
  mkdir -p "$build/components"
  echo "  making components/echo.wasm from c/echo.c (jco new --wasi-command)"
  npx --no-install jco new "$build/c/echo.wasm" --wasi-command -o "$build/components/echo.wasm"
  echo "  making reactor-component.wasm from c/reactor.c (jco new --wasi-reactor: refused by the server)"
  npx --no-install jco new "$build/c/reactor.wasm" --wasi-reactor -o "$build/components/reactor-component.wasm"
)
install_worker "$build/components/echo.wasm" "components/echo.wasm"
install_test_worker "$build/components/reactor-component.wasm" "reactor-component.wasm"

# ---------------------------------------------------------------- Rust
step "Rust workers (Debian rustc $("$DEBIAN_RUSTC" --version | cut -d' ' -f2), wasm32-wasi, offline crates)"
echo "  building rust/ workspace: kit, kit-macros, examples/{hello,echo,users-id,files-path,pixel,counter,kv-key,vars,files,tutorial}, kit-checks, test-workers/fetch"
(
  cd "$here/rust"
  # Two builds: cargo unifies a package's features across the packages of one build, and
  # only rust-fetch may turn on the kit's http-requests feature (its import and exports).
  RUSTC="$DEBIAN_RUSTC" "$DEBIAN_CARGO" build --release --offline --workspace --exclude rust-fetch
  RUSTC="$DEBIAN_RUSTC" "$DEBIAN_CARGO" build --release --offline -p rust-fetch
)
rust_out="$here/rust/target/wasm32-wasi/release"
install_worker "$rust_out/hello.wasm" "rust/hello.wasm"
install_worker "$rust_out/echo.wasm" "rust/echo.wasm"
install_worker "$rust_out/users-id.wasm" "rust/users/[id].wasm"
install_worker "$rust_out/files-path.wasm" "rust/files/[...path].wasm"
install_worker "$rust_out/pixel.wasm" "rust/pixel.wasm"
install_worker "$rust_out/counter.wasm" "rust/counter.wasm"
install_worker "$rust_out/kv-key.wasm" "kv/[key].wasm"
install_worker "$rust_out/vars.wasm" "rust/vars.wasm"
install_worker "$rust_out/files.wasm" "rust/files.wasm"
install_worker "$rust_out/tutorial.wasm" "rust/tutorial.wasm"
install_test_worker "$rust_out/rust-fetch.wasm" "rust-fetch.wasm"
for check in check-cache check-params-cache check-error check-handler-bytes; do
  cp "$rust_out/$check.wasm" "$build/checks/$check.wasm"
done
echo "    (kit checks check-cache, check-params-cache, check-error, check-handler-bytes: workers/build/checks, not installed)"

# ---------------------------------------------------------------- AssemblyScript
step "AssemblyScript workers (npm ci, asc + @assemblyscript/wasi-shim)"
(
  cd "$here/assemblyscript"
  npm ci --no-audit --no-fund
  for worker in hello echo; do
    echo "  building assemblyscript/assembly/$worker.ts"
    npx --no-install asc "assembly/$worker.ts" \
      --config ./node_modules/@assemblyscript/wasi-shim/asconfig.json \
      -O3 --noAssert -o "$build/as/$worker.wasm"
  done
)
install_worker "$build/as/hello.wasm" "as/hello.wasm"
install_worker "$build/as/echo.wasm" "as/echo.wasm"

# ---------------------------------------------------------------- smoke test
step "Smoke test (node:wasi preview1)"
node --no-warnings "$here/smoke-test.mjs" "$out" "$build/checks" "$tests_out"
