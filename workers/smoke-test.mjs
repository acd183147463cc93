#!/usr/bin/env node
// Smoke test for the built example workers: runs every module once (or more) under
// Node's WASI preview1 with a sample wws request on stdin and checks that stdout is one
// valid wws output document with the expected content.
//
// Usage: node --no-warnings workers/smoke-test.mjs <sample-app/workers dir> [<checks dir>]
//
// Exits non-zero on the first kind of failure it finds (all cases still run), and also
// when a .wasm file under the sample-app folder has no test case.

import { WASI } from 'node:wasi';
import { readFileSync, writeFileSync, openSync, closeSync, mkdtempSync, rmSync, readdirSync, statSync, cpSync, existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { tmpdir } from 'node:os';
import { isDeepStrictEqual } from 'node:util';

const appDir = resolve(process.argv[2] ?? new URL('../sample-app/workers', import.meta.url).pathname);
const checksDir = process.argv[3] ? resolve(process.argv[3]) : null;

// Scratch space: stdin/stdout files, and a copy of the sample app's _data folder that the
// file workers get mounted at /data (so that writing never touches the committed folder).
// secret.txt sits beside the copy, outside the mount, for the escape attempts.
const work = mkdtempSync(join(tmpdir(), 'wws-smoke-'));
const dataCopy = join(work, 'mount', 'data');
cpSync(join(appDir, '_data'), dataCopy, { recursive: true });
writeFileSync(join(work, 'mount', 'secret.txt'), 'outside the mount\n');
const DATA = { '/data': dataCopy };

/** A wws request document, in the host's field order. */
function request({ path = '/', query = '', method = 'GET', headers = {}, body = '', kv = {}, params = {} } = {}) {
  return {
    url: `http://localhost:8080${path}${query}`,
    method,
    headers: { host: 'localhost:8080', 'user-agent': 'smoke-test', accept: '*/*', ...headers },
    body,
    kv,
    params,
  };
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const TRICKY_BODY = 'he said "hi" \\ back\nslash / tab\t ctl\u0001\u001f ünïcødé 🚀 {"body":"not this"}';
const BIG_BODY = 'x'.repeat(150_000) + ' end';
const MESSAGE = readFileSync(join(appDir, '_data', 'message.txt'), 'utf8');
const README = readFileSync(join(appDir, '_data', 'notes', 'readme.txt'), 'utf8');
// The environment given to the vars workers (values the host could never have used
// unescaped in JSON).
const VARS_ENV = { GREETING: 'Hello from vars', FROM_HOST: 'from the host', TRICKY: 'a "quoted" \\ value\nwith = sign, ü and 🚀', EMPTY: '' };

// Each case: where the module is, the request, and what the output must be.
const cases = [
  // ---- C ----
  {
    file: 'hello.wasm',
    input: request({ path: '/hello', kv: { keep: 'me' } }),
    expect: { status: 200, headers: { 'content-type': 'text/html' }, contains: 'Hello from a C worker', kv: { keep: 'me' } },
  },
  {
    file: 'echo.wasm',
    input: request({ path: '/echo', query: '?a=1&b=%22', method: 'POST', body: TRICKY_BODY, headers: { 'x-quote': 'a "b" c' }, kv: { k: 'v' }, params: {} }),
    expect: { status: 200, headers: { 'content-type': 'application/json' }, dataIsStdin: true, kv: { k: 'v' } },
  },
  {
    name: 'echo.wasm (150 KB body)',
    file: 'echo.wasm',
    input: request({ path: '/echo', method: 'PUT', body: BIG_BODY }),
    expect: { status: 200, dataIsStdin: true },
  },
  ...[
    ['', 200],
    ['?code=404', 404],
    ['?x=1&code=503&y=2', 503],
    ['?code=0', 0],
    ['?code=1000', 1000],
    ['?code=-1', -1],
    ['?code=abc', 200],
    ['?codex=404', 200],
  ].map(([query, status]) => ({
    name: `status.wasm ${query || '(no query)'}`,
    file: 'status.wasm',
    input: request({ path: '/status', query }),
    expect: {
      status,
      headers: { 'content-type': 'text/plain', x_custom_header: 'from-c' },
      equals: `status ${status}`,
    },
  })),

  // ---- Rust ----
  {
    file: 'rust/hello.wasm',
    input: request({ path: '/rust/hello', kv: { keep: 'me' } }),
    expect: { status: 200, headers: { 'content-type': 'text/html' }, contains: 'Hello from a Rust worker', kv: { keep: 'me' } },
  },
  {
    file: 'rust/echo.wasm',
    input: request({ path: '/rust/echo', query: '?q=1', method: 'POST', body: TRICKY_BODY, params: {} }),
    expect: {
      status: 200,
      headers: { 'content-type': 'application/json' },
      json: { method: 'POST', url: 'http://localhost:8080/rust/echo?q=1', body: TRICKY_BODY, params: {} },
    },
  },
  {
    file: 'rust/users/[id].wasm',
    input: request({ path: '/rust/users/42', params: { id: '42' } }),
    expect: { status: 200, headers: { 'content-type': 'text/plain' }, equals: 'user 42' },
  },
  {
    file: 'rust/files/[...path].wasm',
    input: request({ path: '/rust/files/docs/a/b.txt', params: { path: 'docs/a/b.txt' } }),
    expect: { status: 200, headers: { 'content-type': 'text/plain' }, equals: 'path docs/a/b.txt' },
  },
  {
    file: 'rust/pixel.wasm',
    input: request({ path: '/rust/pixel' }),
    expect: { status: 200, headers: { 'content-type': 'image/png' }, base64: true, png1x1: true },
  },

  // ---- KV: /counter (C) and /rust/counter (Rust) share the namespace "counter" ----
  {
    name: 'counter.wasm increments kv.count, keeps the other keys',
    file: 'counter.wasm',
    input: request({ path: '/counter', kv: { other: 'x', count: '41', 'we"ird\\key': 'va\nlue ü 🚀' } }),
    expect: { status: 200, headers: { 'content-type': 'text/plain' }, equals: 'count 42', kv: { other: 'x', count: '42', 'we"ird\\key': 'va\nlue ü 🚀' } },
  },
  {
    name: 'counter.wasm with an empty kv starts at 1',
    file: 'counter.wasm',
    input: request({ path: '/counter' }),
    expect: { status: 200, equals: 'count 1', kv: { count: '1' } },
  },
  {
    name: 'counter.wasm treats a count that is not a number as 0',
    file: 'counter.wasm',
    input: request({ path: '/counter', kv: { count: '+7', a: 'b' } }),
    expect: { status: 200, equals: 'count 1', kv: { count: '1', a: 'b' } },
  },
  {
    name: 'rust/counter.wasm increments kv.count, keeps the other keys',
    file: 'rust/counter.wasm',
    input: request({ path: '/rust/counter', kv: { other: 'x', count: '41', 'we"ird\\key': 'va\nlue ü 🚀' } }),
    expect: { status: 200, headers: { 'content-type': 'text/plain' }, equals: 'count 42', kv: { other: 'x', count: '42', 'we"ird\\key': 'va\nlue ü 🚀' } },
  },
  {
    name: 'rust/counter.wasm with an empty kv starts at 1',
    file: 'rust/counter.wasm',
    input: request({ path: '/rust/counter', kv: { count: 'abc' } }),
    expect: { status: 200, equals: 'count 1', kv: { count: '1' } },
  },

  // ---- KV: /kv/[key] (Rust), namespace "keys" ----
  {
    name: 'kv/[key].wasm GET increments that key only',
    file: 'kv/[key].wasm',
    input: request({ path: '/kv/a', params: { key: 'a' }, kv: { a: '5', b: '7' } }),
    expect: { status: 200, headers: { 'content-type': 'text/plain' }, equals: 'a 6', kv: { a: '6', b: '7' } },
  },
  {
    name: 'kv/[key].wasm GET of a missing key starts at 1',
    file: 'kv/[key].wasm',
    input: request({ path: '/kv/new', params: { key: 'new' }, kv: { b: '7' } }),
    expect: { status: 200, equals: 'new 1', kv: { b: '7', new: '1' } },
  },
  {
    name: 'kv/[key].wasm DELETE removes the key from the output kv',
    file: 'kv/[key].wasm',
    input: request({ path: '/kv/a', method: 'DELETE', params: { key: 'a' }, kv: { a: '5', b: '7' } }),
    expect: { status: 200, equals: 'a deleted', kv: { b: '7' } },
  },
  {
    name: 'kv/[key].wasm POST answers 405 and keeps the kv',
    file: 'kv/[key].wasm',
    input: request({ path: '/kv/a', method: 'POST', params: { key: 'a' }, kv: { a: '5' } }),
    expect: { status: 405, headers: { allow: 'GET, DELETE' }, kv: { a: '5' } },
  },

  // ---- [vars]: the environment as JSON ----
  {
    name: 'vars.wasm prints its environment',
    file: 'vars.wasm',
    env: VARS_ENV,
    input: request({ path: '/vars', kv: { keep: 'me' } }),
    expect: { status: 200, headers: { 'content-type': 'application/json' }, json: VARS_ENV, kv: { keep: 'me' } },
  },
  {
    name: 'vars.wasm with no variables',
    file: 'vars.wasm',
    input: request({ path: '/vars' }),
    expect: { status: 200, json: {} },
  },
  {
    name: 'rust/vars.wasm prints its environment',
    file: 'rust/vars.wasm',
    env: VARS_ENV,
    input: request({ path: '/rust/vars', kv: { keep: 'me' } }),
    expect: { status: 200, headers: { 'content-type': 'application/json' }, json: VARS_ENV, kv: { keep: 'me' } },
  },

  // ---- [[folders]]: /files/read (C) with _data (a temporary copy) mounted at /data ----
  ...[
    ['?path=/data/message.txt', 200, MESSAGE],
    ['?path=%2Fdata%2Fmessage%2Etxt', 200, MESSAGE],
    ['?path=/data/notes/readme.txt', 200, README],
    ['?list=/data', 200, 'message.txt\nnotes\n'],
    ['?list=%2Fdata%2Fnotes', 200, 'readme.txt\n'],
    ['?path=/data/missing.txt', 404, 'cannot open /data/missing.txt: No such file or directory'],
    ['?path=/data/with+space%20.txt', 404, 'cannot open /data/with space .txt: No such file or directory'],
    ['?path=/data', 404, 'cannot open /data: Is a directory'],
    ['?list=/data/message.txt', 404, 'cannot open /data/message.txt: Not a directory'],
    ['?path=/data/../secret.txt', 404, { startsWith: 'cannot open /data/../secret.txt: ' }],
    ['?path=/data/%2e%2e/secret.txt', 404, { startsWith: 'cannot open /data/../secret.txt: ' }],
    ['?path=/etc/passwd', 404, { startsWith: 'cannot open /etc/passwd: ' }],
    ['?list=/', 404, { startsWith: 'cannot open /: ' }],
    ['?path=/data/a%00b', 400, 'invalid path: contains %00'],
    ['', 400, { startsWith: 'usage: ' }],
    ['?write=/data/out.txt&text=abc', 200, 'wrote 3 bytes'],
    ['?path=/data/out.txt', 200, 'abc'],
    ['?write=/data/notes/more.txt&text=two+words%21', 200, 'wrote 10 bytes'],
    ['?write=/data/../escaped.txt&text=x', 404, { startsWith: 'cannot open /data/../escaped.txt: ' }],
  ].map(([query, status, body]) => ({
    name: `files/read.wasm ${query || '(no query)'}`,
    file: 'files/read.wasm',
    preopens: DATA,
    input: request({ path: '/files/read', query, kv: { k: 'v' } }),
    expect: {
      status,
      headers: { 'content-type': 'text/plain' },
      kv: { k: 'v' },
      ...(typeof body === 'string' ? { equals: body } : body),
    },
  })),
  {
    name: 'files/read.wasm wrote into the mounted copy only',
    file: 'files/read.wasm',
    preopens: DATA,
    input: request({ path: '/files/read', query: '?list=/data' }),
    expect: { status: 200, equals: 'message.txt\nnotes\nout.txt\n' },
    after(errors) {
      const read = (p) => (existsSync(p) ? readFileSync(p, 'utf8') : null);
      if (read(join(dataCopy, 'out.txt')) !== 'abc') fail(errors, 'data/out.txt does not hold "abc"');
      if (read(join(dataCopy, 'notes', 'more.txt')) !== 'two words!') fail(errors, 'data/notes/more.txt does not hold "two words!"');
      if (existsSync(join(work, 'mount', 'escaped.txt'))) fail(errors, 'a file was written outside the mount');
      if (existsSync(join(appDir, '_data', 'out.txt'))) fail(errors, 'the committed _data folder was written to');
    },
  },
  {
    name: 'files/read.wasm with nothing mounted',
    file: 'files/read.wasm',
    input: request({ path: '/files/read', query: '?path=/data/message.txt' }),
    expect: { status: 404, startsWith: 'cannot open /data/message.txt: ' },
  },
  {
    name: 'rust/files.wasm reads /data/message.txt',
    file: 'rust/files.wasm',
    preopens: DATA,
    input: request({ path: '/rust/files', kv: { keep: 'me' } }),
    expect: { status: 200, headers: { 'content-type': 'text/plain' }, equals: MESSAGE, kv: { keep: 'me' } },
  },
  {
    name: 'rust/files.wasm with nothing mounted answers 500',
    file: 'rust/files.wasm',
    input: request({ path: '/rust/files' }),
    expect: { status: 500, headers: { 'content-type': 'text/plain' }, startsWith: 'cannot read /data/message.txt: ' },
  },

  // ---- AssemblyScript ----
  {
    file: 'as/hello.wasm',
    input: request({ path: '/as/hello', kv: { keep: 'me' } }),
    expect: { status: 200, headers: { 'content-type': 'text/html' }, contains: 'Hello from an AssemblyScript worker', kv: { keep: 'me' } },
  },
  {
    file: 'as/echo.wasm',
    // A header named "body" must not be mistaken for the top-level "body" field.
    input: request({ path: '/as/echo', method: 'POST', body: TRICKY_BODY, headers: { body: 'WRONG' }, kv: { k: 'v' } }),
    expect: { status: 200, headers: { 'content-type': 'text/plain' }, equals: `method POST body ${TRICKY_BODY}`, kv: { k: 'v' } },
  },
  {
    name: 'as/echo.wasm (150 KB body)',
    file: 'as/echo.wasm',
    input: request({ path: '/as/echo', method: 'PATCH', body: BIG_BODY }),
    expect: { status: 200, equals: `method PATCH body ${BIG_BODY}` },
  },
];

// Checks that are not part of the sample app: the wws.c self-test, the other #[worker]
// forms of the Rust kit and its error path.
const kitChecks = [
  {
    name: 'test_wws.wasm (self-test of the C helper)',
    file: 'test_wws.wasm',
    input: request(),
    expect: { status: 200, equals: 'ok' },
  },
  {
    file: 'check-cache.wasm',
    input: request({ path: '/counter', kv: { counter: '41', other: 'x' } }),
    expect: { status: 200, equals: 'count 42', kv: { counter: '42', other: 'x' } },
  },
  {
    file: 'check-params-cache.wasm',
    input: request({ path: '/remember/7', params: { id: '7' }, kv: { 'last-id': '3' } }),
    expect: { status: 200, equals: 'id 7 previous 3', kv: { 'last-id': '7' } },
  },
  {
    name: 'check-error.wasm keeps the incoming kv',
    file: 'check-error.wasm',
    input: request({ path: '/fails', kv: { keep: 'me', n: '1' } }),
    expect: { status: 500, kv: { keep: 'me', n: '1' } },
  },
  {
    name: 'check-cache.wasm with invalid stdin answers 500 and kv {}',
    file: 'check-cache.wasm',
    stdin: 'this is not json',
    expect: { status: 500, kv: {} },
  },
];

function fail(errors, msg) {
  errors.push(msg);
}

function isStringMap(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');
}

/** Checks the generic wws output shape; returns the parsed object or null. */
function validateOutput(stdout, errors) {
  let out;
  try {
    out = JSON.parse(stdout); // trailing whitespace is fine; two documents are not
  } catch (e) {
    fail(errors, `stdout is not one JSON document: ${e.message}; stdout starts with ${JSON.stringify(stdout.slice(0, 200))}`);
    return null;
  }
  if (out === null || typeof out !== 'object' || Array.isArray(out)) {
    fail(errors, 'stdout is not a JSON object');
    return null;
  }
  if (typeof out.data !== 'string') fail(errors, '"data" missing or not a string');
  if (!isStringMap(out.headers)) fail(errors, '"headers" missing or not an object of strings');
  if (!Number.isInteger(out.status)) fail(errors, '"status" missing or not an integer');
  if (!isStringMap(out.kv)) fail(errors, '"kv" missing or not an object of strings');
  if ('base64' in out && typeof out.base64 !== 'boolean') fail(errors, '"base64" is not a boolean');
  if (out.base64 === true && typeof out.data === 'string') {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(out.data) || out.data.length % 4 !== 0) {
      fail(errors, '"data" is not standard padded base64');
    }
  }
  return out;
}

function checkExpectations(out, expect, stdinText, errors) {
  if (expect.status !== undefined && out.status !== expect.status) {
    fail(errors, `status ${out.status}, expected ${expect.status}`);
  }
  for (const [name, value] of Object.entries(expect.headers ?? {})) {
    if (out.headers[name] !== value) fail(errors, `header ${name} = ${JSON.stringify(out.headers[name])}, expected ${JSON.stringify(value)}`);
  }
  if (expect.kv !== undefined && !isDeepStrictEqual(out.kv, expect.kv)) {
    fail(errors, `kv ${JSON.stringify(out.kv)}, expected ${JSON.stringify(expect.kv)}`);
  }
  const base64 = out.base64 === true;
  if (expect.base64 !== undefined && base64 !== expect.base64) fail(errors, `base64 ${base64}, expected ${expect.base64}`);
  const text = base64 ? null : out.data;
  if (expect.equals !== undefined && text !== expect.equals) {
    fail(errors, `data ${JSON.stringify(String(text).slice(0, 200))}, expected ${JSON.stringify(expect.equals.slice(0, 200))}`);
  }
  if (expect.startsWith !== undefined && !(text ?? '').startsWith(expect.startsWith)) {
    fail(errors, `data ${JSON.stringify(String(text).slice(0, 200))} does not start with ${JSON.stringify(expect.startsWith)}`);
  }
  if (expect.contains !== undefined && !(text ?? '').includes(expect.contains)) {
    fail(errors, `data does not contain ${JSON.stringify(expect.contains)}`);
  }
  if (expect.dataIsStdin && text !== stdinText) fail(errors, 'data is not the exact stdin text');
  if (expect.json !== undefined) {
    try {
      const parsed = JSON.parse(text);
      if (!isDeepStrictEqual(parsed, expect.json)) fail(errors, `data JSON ${text}, expected ${JSON.stringify(expect.json)}`);
    } catch (e) {
      fail(errors, `data is not JSON: ${e.message}`);
    }
  }
  if (expect.png1x1) {
    const bytes = Buffer.from(out.data, 'base64');
    const ok = bytes.length > 24 && bytes.subarray(0, 8).equals(PNG_SIGNATURE) &&
      bytes.toString('latin1', 12, 16) === 'IHDR' && bytes.readUInt32BE(16) === 1 && bytes.readUInt32BE(20) === 1;
    if (!ok) fail(errors, 'data is not a 1x1 PNG');
  }
}

async function runWorker(wasmPath, stdinText, { env = {}, preopens = {} } = {}) {
  const inPath = join(work, 'stdin');
  const outPath = join(work, 'stdout');
  const errPath = join(work, 'stderr');
  writeFileSync(inPath, stdinText);
  const fdIn = openSync(inPath, 'r');
  const fdOut = openSync(outPath, 'w');
  const fdErr = openSync(errPath, 'w');
  let exitCode;
  try {
    const wasi = new WASI({
      version: 'preview1',
      args: [wasmPath],
      env,
      preopens,
      stdin: fdIn,
      stdout: fdOut,
      stderr: fdErr,
      returnOnExit: true,
    });
    const module = await WebAssembly.compile(readFileSync(wasmPath));
    const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
    exitCode = wasi.start(instance);
  } finally {
    closeSync(fdIn);
    closeSync(fdOut);
    closeSync(fdErr);
  }
  return { exitCode, stdout: readFileSync(outPath, 'utf8'), stderr: readFileSync(errPath, 'utf8') };
}

function listFiles(dir, ext) {
  const found = [];
  for (const entry of readdirSync(dir)) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) found.push(...listFiles(p, ext));
    else if (entry.endsWith(ext)) found.push(p);
  }
  return found;
}

let failures = 0;
let passed = 0;
const all = [
  ...cases.map((c) => ({ ...c, dir: appDir })),
  ...(checksDir ? kitChecks.map((c) => ({ ...c, dir: checksDir })) : []),
];
try {
  for (const c of all) {
    const wasmPath = join(c.dir, c.file);
    const label = c.name ?? c.file;
    const stdinText = c.stdin ?? JSON.stringify(c.input);
    const errors = [];
    let result;
    try {
      result = await runWorker(wasmPath, stdinText, c);
    } catch (e) {
      fail(errors, `could not run: ${e.message}`);
    }
    if (result) {
      if (result.exitCode !== 0) fail(errors, `exit code ${result.exitCode}`);
      const out = validateOutput(result.stdout, errors);
      if (out) checkExpectations(out, c.expect, stdinText, errors);
      if (c.after) c.after(errors);
    }
    if (errors.length === 0) {
      passed++;
      console.log(`  ok    ${label}`);
    } else {
      failures++;
      console.log(`  FAIL  ${label}`);
      for (const e of errors) console.log(`          - ${e}`);
      if (result?.stderr) console.log(`          stderr: ${result.stderr.trim().slice(0, 500)}`);
    }
  }
  // Every module of the sample app must be covered by at least one case.
  const covered = new Set(cases.map((c) => c.file));
  for (const p of listFiles(appDir, '.wasm')) {
    const rel = relative(appDir, p).split(sep).join('/');
    if (!covered.has(rel)) {
      failures++;
      console.log(`  FAIL  ${rel}: no smoke-test case for this module`);
    }
  }
  // A worker's TOML file must sit beside it with the same name (x.wasm -> x.toml).
  for (const p of listFiles(appDir, '.toml')) {
    if (!existsSync(p.slice(0, -'.toml'.length) + '.wasm')) {
      failures++;
      console.log(`  FAIL  ${relative(appDir, p).split(sep).join('/')}: no worker of the same name beside it`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.log(`smoke test: ${passed} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
