#!/usr/bin/env node
// Smoke test for the built example workers: runs every module once (or more) under
// Node's WASI preview1 with a sample wws request on stdin and checks that stdout is one
// valid wws output document with the expected content. The misbehaving test workers
// (sample-app/test-workers/) are checked for their misbehaviour instead: a trap, an exit
// code, raw stdout, stderr, or "still running" for the endless ones (see testWorkerCases).
//
// Usage: node --no-warnings workers/smoke-test.mjs <sample-app/workers dir> [<checks dir>]
//                                                   [<test-workers dir>]
// The test-workers dir defaults to the folder test-workers beside the sample-app workers
// folder, when it exists; pass "" as the checks dir to skip the checks but give it.
//
// Exits non-zero on the first kind of failure it finds (all cases still run), and also
// when a .wasm file under the sample-app folder or the test-workers folder has no test
// case.

import { WASI } from 'node:wasi';
import { Worker } from 'node:worker_threads';
import { readFileSync, writeFileSync, openSync, closeSync, mkdtempSync, mkdirSync, rmSync, readdirSync, statSync, cpSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { tmpdir } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// The runs' instances are collected before each case: without that, node 20 died with
// SIGSEGV in memory-bomb.wasm once about a hundred earlier instances (each with its own
// linear memory reservation) were still waiting for the garbage collector.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc');

const appDir = resolve(process.argv[2] ?? new URL('../sample-app/workers', import.meta.url).pathname);
const checksDir = process.argv[3] ? resolve(process.argv[3]) : null;
const testsDir = process.argv[4]
  ? resolve(process.argv[4])
  : existsSync(join(dirname(appDir), 'test-workers')) ? join(dirname(appDir), 'test-workers') : null;
for (const dir of [appDir, checksDir, testsDir]) {
  if (dir && !existsSync(dir)) {
    console.error(`smoke-test: no such folder: ${dir}`);
    process.exit(2);
  }
}

// Scratch space: stdin/stdout files, and a copy of the sample app's _data folder that the
// file workers get mounted at /data (so that writing never touches the committed folder).
// secret.txt sits beside the copy, outside the mount, for the escape attempts.
const work = mkdtempSync(join(tmpdir(), 'wws-smoke-'));
const dataCopy = join(work, 'mount', 'data');
cpSync(join(appDir, '_data'), dataCopy, { recursive: true });
writeFileSync(join(work, 'mount', 'secret.txt'), 'outside the mount\n');
const DATA = { '/data': dataCopy };
// A fake host root for test-workers/host-files.wasm, preopened at "/" in one case to show
// that the worker does report a file it can read.
const fakeRoot = join(work, 'fake-root');
mkdirSync(join(fakeRoot, 'etc'), { recursive: true });
mkdirSync(join(fakeRoot, 'tmp'));
const FAKE_PASSWD = 'root:x:0:0:root:/root:/bin/sh\n';
writeFileSync(join(fakeRoot, 'etc', 'passwd'), FAKE_PASSWD);
writeFileSync(join(fakeRoot, 'etc', 'hostname'), 'fake-host\n');

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

  // ---- C reactors (_initialize, no _start) ----
  ...[
    ['reactor', '_initialize ran, then the default export answered'],
    ['reactor-init', 'answered by _initialize'],
  ].map(([name, how]) => ({
    file: `${name}.wasm`,
    input: request({ path: `/${name}`, query: '?x=1', method: 'POST', kv: { keep: 'me' } }),
    expect: {
      status: 200,
      headers: { 'content-type': 'text/plain' },
      equals: `${how}: POST http://localhost:8080/${name}?x=1`,
      kv: { keep: 'me' },
    },
  })),

  // ---- Components (jco new --wasi-command): the wrapped preview1 module runs ----
  {
    name: 'components/echo.wasm (c/echo.c wrapped with the preview1 command adapter)',
    file: 'components/echo.wasm',
    component: true,
    input: request({ path: '/components/echo', query: '?a=1', method: 'POST', body: TRICKY_BODY, kv: { k: 'v' } }),
    expect: { status: 200, headers: { 'content-type': 'application/json' }, dataIsStdin: true, kv: { k: 'v' } },
  },

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

  {
    name: 'rust/tutorial.wasm (the wws tutorial worker: #[handler], Response<String>)',
    file: 'rust/tutorial.wasm',
    input: request({ path: '/rust/tutorial', kv: { keep: 'me' } }),
    expect: { status: 200, headers: { 'x-generated-by': 'wasm-workers-server' }, equals: 'Hello Wasm!', kv: { keep: 'me' } },
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
    name: 'check-handler-bytes.wasm (#[handler(params)], Response<Vec<u8>>)',
    file: 'check-handler-bytes.wasm',
    input: request({ path: '/bytes/7', params: { id: '7' } }),
    expect: { status: 200, headers: { 'content-type': 'application/octet-stream' }, base64: true, base64Data: 'AP83' },
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

// ---- A stand-in for the host's outbound HTTP function, for fetch.wasm under node ----
// It implements the core-Wasm ABI of http.send-http-request (wws §6.2) independently of
// the Java host: reads the request from the guest's memory and answers through the guest's
// canonical_abi_realloc. https://stub.example/... answers status ?status=N (default 200)
// with the headers content-type: text/plain and x-stub: yes and the body
//   "<METHOD> <uri>\n<name>: <value>\n...body <some|none> <length>\n\n<request body>";
// any other URI answers the error not-allowed with the Java host's message.
const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'];
const HTTP_ERRORS = ['invalid-request', 'invalid-request-body', 'invalid-response-body', 'not-allowed', 'internal-error', 'timeout', 'redirect-loop'];
const STUB_HEADERS = [['content-type', 'text/plain'], ['x-stub', 'yes']];

/** What fetch.wasm answers for a stub response with this status and body. */
function stubAnswer(status, body) {
  return { status, headers: STUB_HEADERS, body: body.toString('base64'), bodyLength: body.length };
}

function stubHttp(ref) {
  const memory = () => ref.instance.exports.memory.buffer; // re-read: realloc may grow it
  const view = () => new DataView(memory());
  const bytes = (ptr, len) => Buffer.from(new Uint8Array(memory(), ptr, len));
  const text = (ptr, len) => new TextDecoder('utf-8', { fatal: true }).decode(bytes(ptr, len));
  const give = (align, data) => {
    const ptr = ref.instance.exports.canonical_abi_realloc(0, 0, align, data.length);
    new Uint8Array(memory(), ptr, data.length).set(data);
    return ptr;
  };
  const send = (bodyTag, bodyPtr, bodyLen, headersPtr, headerCount, method, _paramsPtr, _paramCount, uriPtr, uriLen, ret) => {
    const uri = text(uriPtr, uriLen);
    const lines = [`${HTTP_METHODS[method]} ${uri}`];
    for (let i = 0; i < headerCount; i++) {
      const v = view();
      const at = headersPtr + i * 16;
      lines.push(`${text(v.getUint32(at, true), v.getUint32(at + 4, true))}: ${text(v.getUint32(at + 8, true), v.getUint32(at + 12, true))}`);
    }
    const requestBody = bodyTag === 1 ? bytes(bodyPtr, bodyLen) : Buffer.alloc(0);
    lines.push(`body ${bodyTag === 1 ? 'some' : 'none'} ${requestBody.length}`);
    if (!uri.startsWith('https://stub.example/')) {
      const host = uri.replace(/^[a-z]+:\/\//, '').replace(/[/:?].*$/, '');
      const message = Buffer.from(`The host '${host}' is not allowed for this worker. Please, update the worker configuration.`);
      const messagePtr = give(1, message);
      const v = view();
      v.setUint8(ret, 1);
      v.setUint8(ret + 4, HTTP_ERRORS.indexOf('not-allowed'));
      v.setUint32(ret + 8, messagePtr, true);
      v.setUint32(ret + 12, message.length, true);
      return;
    }
    const status = Number(/[?&]status=(\d+)/.exec(uri)?.[1] ?? 200);
    const responseBody = Buffer.concat([Buffer.from(lines.join('\n') + '\n\n'), requestBody]);
    const bodyAt = give(1, responseBody);
    const list = ref.instance.exports.canonical_abi_realloc(0, 0, 4, STUB_HEADERS.length * 16);
    STUB_HEADERS.forEach(([name, value], i) => {
      const n = Buffer.from(name);
      const val = Buffer.from(value);
      const namePtr = give(1, n);
      const valuePtr = give(1, val);
      const v = view();
      v.setUint32(list + i * 16, namePtr, true);
      v.setUint32(list + i * 16 + 4, n.length, true);
      v.setUint32(list + i * 16 + 8, valuePtr, true);
      v.setUint32(list + i * 16 + 12, val.length, true);
    });
    const v = view();
    v.setUint8(ret, 0);
    v.setUint8(ret + 4, 1);
    v.setUint32(ret + 8, bodyAt, true);
    v.setUint32(ret + 12, responseBody.length, true);
    v.setUint32(ret + 16, list, true);
    v.setUint32(ret + 20, STUB_HEADERS.length, true);
    v.setUint16(ret + 24, status, true);
  };
  return { http: { 'send-http-request': send } };
}

// The misbehaving test workers of sample-app/test-workers/ (sources in
// workers/c/misbehaving/). Besides `expect`, a case here may have:
//   trap: 'text'             the run must end in a WebAssembly trap whose message contains it
//   exitCode: n              the expected exit code (default 0)
//   stdout / stderr(text, errors)   checks on the raw text (stdout then need not be a document)
//   minMs: n                 the run must take at least n ms of wall clock
//   stubHttp: true           link stubHttp() (below) as the http.send-http-request import
//   stillRunningAfterMs: n   run it in a worker thread; it must still be running after n ms,
//                            then it is terminated (stdoutToNull: stdout goes to /dev/null)
// Without `expect` stdout is not parsed. The endless modes are run only this way, and the
// memory bomb only with its ?max=N guard (node does not cap a module's memory: without the
// guard it would grow to 4 GiB). The real limits (deadline, memory cap, stdout cap) are
// the host's, and are tested there.
const HOST_FILES_KEYS = ['/etc/passwd', '/etc/hostname', '/proc/self/environ', '/', '.', '..', '/tmp', '../../etc/passwd', 'C:/Windows', 'opendir /'];
const HOST_FILES_RESULT = /^(read \d+ bytes|error: .+|listed \d+ entries(: .+)?)$/;
const STDERR_FLOOD_BYTES = 10 * 1024 * 1024;
const BIG_OUTPUT_OVERHEAD = '{"data":"","headers":{"content-type":"text/plain"},"status":200,"kv":{},"base64":false}'.length;
const emptyStdout = (text, errors) => { if (text !== '') fail(errors, `stdout is not empty: ${JSON.stringify(text.slice(0, 100))}`); };
const stderrIs = (want) => (text, errors) => { if (text !== want) fail(errors, `stderr ${JSON.stringify(text.slice(0, 200))}, expected ${JSON.stringify(want)}`); };
/** Checks the host-files answer: every attempt present, in order, with a result. */
function hostFiles(check) {
  return (text, errors) => {
    let doc;
    try {
      doc = JSON.parse(JSON.parse(text).data);
    } catch (e) {
      return fail(errors, `data is not JSON: ${e.message}`);
    }
    if (!isDeepStrictEqual(Object.keys(doc), HOST_FILES_KEYS)) fail(errors, `keys ${JSON.stringify(Object.keys(doc))}`);
    for (const [k, v] of Object.entries(doc)) {
      if (typeof v !== 'string' || !HOST_FILES_RESULT.test(v)) fail(errors, `${k}: unexpected result ${JSON.stringify(v)}`);
    }
    check(doc, errors);
  };
}
const bigOutput = (kb) => ({
  expect: { status: 200, headers: { 'content-type': 'text/plain' }, equals: 'a'.repeat(kb * 1024), kv: {} },
  stdout(text, errors) {
    if (text.length !== kb * 1024 + BIG_OUTPUT_OVERHEAD) fail(errors, `stdout is ${text.length} bytes, expected ${kb * 1024 + BIG_OUTPUT_OVERHEAD}`);
  },
});

/** The initial size, in pages, of the memory a module defines (its memory section). */
function initialMemoryPages(bytes) {
  let at = 8;
  const leb = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[at++];
      value += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return value;
    }
  };
  while (at < bytes.length) {
    const id = bytes[at++];
    const size = leb();
    if (id === 5) {
      leb(); // the number of memories
      at++; // their limits' flags
      return leb();
    }
    at += size;
  }
  return null;
}

const testWorkerCases = [
  {
    // Node gives it its 937.5 MiB of initial memory (reserved, never touched); our host
    // refuses to load it under its memory cap.
    file: 'huge-memory.wasm',
    input: request({ path: '/huge-memory', kv: { keep: 'me' } }),
    expect: { status: 200, headers: { 'content-type': 'text/plain' }, equals: 'ok', kv: { keep: 'me' } },
    after(errors) {
      const pages = initialMemoryPages(readFileSync(join(testsDir, 'huge-memory.wasm')));
      if (pages !== 15000) fail(errors, `declares ${pages} pages of initial memory, expected 15000`);
    },
  },
  {
    file: 'healthy.wasm',
    input: request({ path: '/healthy', kv: { keep: 'me' } }),
    expect: { status: 200, headers: { 'content-type': 'text/plain' }, equals: 'ok', kv: { keep: 'me' } },
  },
  {
    name: 'reactor-component.wasm wraps c/reactor.c with the reactor adapter (the server refuses it)',
    file: 'reactor-component.wasm',
    component: true,
    input: request({ path: '/reactor-component' }),
    expect: { status: 200, equals: '_initialize ran, then the default export answered: GET http://localhost:8080/reactor-component' },
  },
  {
    name: 'loop.wasm is still running after 300 ms (then terminated)',
    file: 'loop.wasm',
    input: request({ path: '/loop' }),
    stillRunningAfterMs: 300,
    stdout: emptyStdout,
  },
  {
    name: 'trap.wasm traps (unreachable)',
    file: 'trap.wasm',
    input: request({ path: '/trap' }),
    trap: 'unreachable',
    stdout: emptyStdout,
  },
  {
    name: 'exit1.wasm writes a valid output, then exits with code 1',
    file: 'exit1.wasm',
    input: request({ path: '/exit1', kv: { keep: 'me' } }),
    exitCode: 1,
    expect: { status: 200, headers: { 'content-type': 'text/plain' }, equals: 'valid output, then exit(1)', kv: { keep: 'me' } },
  },
  // ---- memory-bomb: only with ?max=N here (see above) ----
  {
    name: 'memory-bomb.wasm ?then=report&max=8',
    file: 'memory-bomb.wasm',
    input: request({ path: '/memory-bomb', query: '?then=report&max=8', kv: { keep: 'me' } }),
    expect: { status: 200, headers: { 'content-type': 'text/plain' }, equals: 'allocated 8 MiB', kv: { keep: 'me' } },
    stderr: stderrIs('memory-bomb: malloc failed after 8 MiB\n'),
  },
  {
    name: 'memory-bomb.wasm ?then=exit&max=4 exits with code 1',
    file: 'memory-bomb.wasm',
    input: request({ path: '/memory-bomb', query: '?then=exit&max=4' }),
    exitCode: 1,
    stdout: emptyStdout,
    stderr: stderrIs('memory-bomb: malloc failed after 4 MiB\n'),
  },
  {
    name: 'memory-bomb.wasm ?max=4 (default: trap)',
    file: 'memory-bomb.wasm',
    input: request({ path: '/memory-bomb', query: '?max=4' }),
    trap: 'unreachable',
    stdout: emptyStdout,
    stderr: stderrIs('memory-bomb: malloc failed after 4 MiB\n'),
  },
  {
    name: 'memory-bomb.wasm ?then=trap&max=2',
    file: 'memory-bomb.wasm',
    input: request({ path: '/memory-bomb', query: '?then=trap&max=2' }),
    trap: 'unreachable',
    stderr: stderrIs('memory-bomb: malloc failed after 2 MiB\n'),
  },
  {
    name: 'memory-bomb.wasm ?then=loop&max=2 is still running after 300 ms',
    file: 'memory-bomb.wasm',
    input: request({ path: '/memory-bomb', query: '?then=loop&max=2' }),
    stillRunningAfterMs: 300,
    stdout: emptyStdout,
  },
  ...['?then=boom', '?max=0', '?max=-1', '?then=report&max=x'].map((query) => ({
    name: `memory-bomb.wasm ${query} answers 400`,
    file: 'memory-bomb.wasm',
    input: request({ path: '/memory-bomb', query }),
    expect: { status: 400, startsWith: 'usage: ' },
    stderr: stderrIs(''),
  })),
  // ---- stdout-flood: endless by default; ?chunks=N stops it ----
  {
    name: 'stdout-flood.wasm is still running after 300 ms (stdout to /dev/null)',
    file: 'stdout-flood.wasm',
    input: request({ path: '/stdout-flood' }),
    stillRunningAfterMs: 300,
    stdoutToNull: true,
  },
  {
    name: 'stdout-flood.wasm ?chunks=4 writes 4 x 64 KiB of x',
    file: 'stdout-flood.wasm',
    input: request({ path: '/stdout-flood', query: '?chunks=4' }),
    stdout(text, errors) {
      if (text !== 'x'.repeat(4 * 65536)) fail(errors, `stdout is not 262144 x (${text.length} bytes)`);
    },
  },
  {
    name: 'stdout-flood.wasm ?chunks=many answers 400',
    file: 'stdout-flood.wasm',
    input: request({ path: '/stdout-flood', query: '?chunks=many' }),
    expect: { status: 400, startsWith: 'usage: ' },
  },
  {
    name: 'stderr-flood.wasm writes 10 MiB of lines to stderr, then answers done',
    file: 'stderr-flood.wasm',
    input: request({ path: '/stderr-flood', kv: { keep: 'me' } }),
    expect: { status: 200, headers: { 'content-type': 'text/plain' }, equals: 'done', kv: { keep: 'me' } },
    stderr(text, errors) {
      if (text.length !== STDERR_FLOOD_BYTES) return fail(errors, `stderr is ${text.length} bytes, expected ${STDERR_FLOOD_BYTES}`);
      const lines = text.split('\n');
      if (lines.pop() !== '' || lines.length !== STDERR_FLOOD_BYTES / 64) return fail(errors, `stderr has ${lines.length} lines`);
      if (!lines.every((l, i) => l.length === 63 && l.startsWith(`stderr-flood line ${String(i + 1).padStart(7, '0')} `))) {
        fail(errors, 'stderr lines are not numbered 64-byte lines');
      }
    },
  },
  // ---- host-files: nothing to read without preopens ----
  {
    name: 'host-files.wasm with no preopens: every attempt fails',
    file: 'host-files.wasm',
    input: request({ path: '/host-files', kv: { keep: 'me' } }),
    expect: { status: 200, headers: { 'content-type': 'application/json' }, kv: { keep: 'me' } },
    stdout: hostFiles((doc, errors) => {
      for (const [k, v] of Object.entries(doc)) if (!v.startsWith('error: ')) fail(errors, `${k} did not fail: ${v}`);
    }),
  },
  {
    name: 'host-files.wasm with a fake root preopened at /: reports what it read',
    file: 'host-files.wasm',
    preopens: { '/': fakeRoot },
    input: request({ path: '/host-files' }),
    expect: { status: 200, headers: { 'content-type': 'application/json' } },
    stdout: hostFiles((doc, errors) => {
      const want = {
        '/etc/passwd': `read ${FAKE_PASSWD.length} bytes`,
        '/etc/hostname': 'read 10 bytes',
        '/proc/self/environ': 'error: No such file or directory',
      };
      for (const [k, v] of Object.entries(want)) if (doc[k] !== v) fail(errors, `${k}: ${JSON.stringify(doc[k])}, expected ${JSON.stringify(v)}`);
      const listing = /^listed 2 entries: (.*)$/.exec(doc['opendir /']);
      if (!listing || listing[1].split(', ').sort().join() !== 'etc,tmp') fail(errors, `opendir /: ${JSON.stringify(doc['opendir /'])}`);
    }),
  },
  // ---- environment ----
  {
    name: 'environment.wasm with no variables answers {}',
    file: 'environment.wasm',
    input: request({ path: '/environment', kv: { keep: 'me' } }),
    expect: { status: 200, headers: { 'content-type': 'application/json' }, json: {}, kv: { keep: 'me' } },
  },
  {
    name: 'environment.wasm prints its environment',
    file: 'environment.wasm',
    env: VARS_ENV,
    input: request({ path: '/environment' }),
    expect: { status: 200, headers: { 'content-type': 'application/json' }, json: VARS_ENV },
  },
  // ---- slow ----
  {
    name: 'slow.wasm (no query: 200 ms)',
    file: 'slow.wasm',
    input: request({ path: '/slow', kv: { keep: 'me' } }),
    minMs: 200,
    expect: { status: 200, headers: { 'content-type': 'text/plain' }, equals: 'slept 200 ms', kv: { keep: 'me' } },
  },
  {
    name: 'slow.wasm ?ms=50',
    file: 'slow.wasm',
    input: request({ path: '/slow', query: '?ms=50' }),
    minMs: 50,
    expect: { status: 200, equals: 'slept 50 ms' },
  },
  {
    name: 'slow.wasm ?ms=0',
    file: 'slow.wasm',
    input: request({ path: '/slow', query: '?ms=0' }),
    expect: { status: 200, equals: 'slept 0 ms' },
  },
  ...['?ms=soon', '?ms=-5', '?ms=3600001'].map((query) => ({
    name: `slow.wasm ${query} answers 400`,
    file: 'slow.wasm',
    input: request({ path: '/slow', query }),
    expect: { status: 400, headers: { 'content-type': 'text/plain' }, startsWith: 'usage: ' },
  })),
  // ---- big-output ----
  { name: 'big-output.wasm (no query: 1024 KiB)', file: 'big-output.wasm', input: request({ path: '/big-output' }), ...bigOutput(1024) },
  { name: 'big-output.wasm ?kb=0', file: 'big-output.wasm', input: request({ path: '/big-output', query: '?kb=0' }), ...bigOutput(0) },
  { name: 'big-output.wasm ?kb=3', file: 'big-output.wasm', input: request({ path: '/big-output', query: '?kb=3' }), ...bigOutput(3) },
  {
    name: 'big-output.wasm ?kb=1 gives the kv back',
    file: 'big-output.wasm',
    input: request({ path: '/big-output', query: '?kb=1', kv: { keep: 'me' } }),
    expect: { status: 200, equals: 'a'.repeat(1024), kv: { keep: 'me' } },
  },
  ...['?kb=lots', '?kb=1048577'].map((query) => ({
    name: `big-output.wasm ${query} answers 400`,
    file: 'big-output.wasm',
    input: request({ path: '/big-output', query }),
    expect: { status: 400, headers: { 'content-type': 'text/plain' }, startsWith: 'usage: ' },
  })),
  // ---- fetch: outbound HTTP through http.send-http-request, here against stubHttp() ----
  {
    name: 'fetch.wasm PUT with headers and a text body (stub host)',
    file: 'fetch.wasm',
    stubHttp: true,
    input: request({ path: '/fetch', method: 'POST', kv: { keep: 'me' }, body: JSON.stringify({
      method: 'PUT', uri: 'https://stub.example/things?x=1', headers: { 'x-a': '1', 'X-Quote': 'say "hi"' }, body: 'héllo 🚀',
    }) }),
    expect: {
      status: 200,
      headers: { 'content-type': 'application/json' },
      kv: { keep: 'me' },
      json: stubAnswer(200, Buffer.from('PUT https://stub.example/things?x=1\nx-a: 1\nX-Quote: say "hi"\nbody some 11\n\nhéllo 🚀')),
    },
  },
  {
    name: 'fetch.wasm HEAD without a body (stub host)',
    file: 'fetch.wasm',
    stubHttp: true,
    input: request({ path: '/fetch', method: 'POST', body: JSON.stringify({ method: 'HEAD', uri: 'https://stub.example/' }) }),
    expect: { status: 200, json: stubAnswer(200, Buffer.from('HEAD https://stub.example/\nbody none 0\n\n')) },
  },
  {
    name: 'fetch.wasm sends a binary body and gets it back (stub host)',
    file: 'fetch.wasm',
    stubHttp: true,
    input: request({ path: '/fetch', method: 'POST', body: JSON.stringify({
      method: 'POST', uri: 'https://stub.example/bytes?status=418', body: ALL_BYTES.toString('base64'), base64: true,
    }) }),
    expect: { status: 200, json: stubAnswer(418, Buffer.concat([Buffer.from('POST https://stub.example/bytes?status=418\nbody some 256\n\n'), ALL_BYTES])) },
  },
  {
    name: 'fetch.wasm reports the error the host answers (stub host)',
    file: 'fetch.wasm',
    stubHttp: true,
    input: request({ path: '/fetch', method: 'POST', body: JSON.stringify({ uri: 'https://elsewhere.example/' }) }),
    expect: {
      status: 200,
      json: { error: 'not-allowed', message: "The host 'elsewhere.example' is not allowed for this worker. Please, update the worker configuration." },
    },
  },
  {
    name: 'rust-fetch.wasm PUT with headers and a text body (stub host)',
    file: 'rust-fetch.wasm',
    stubHttp: true,
    input: request({ path: '/rust-fetch', method: 'POST', kv: { keep: 'me' }, body: JSON.stringify({
      method: 'PUT', uri: 'https://stub.example/things?x=1', headers: { 'x-a': '1', 'X-Quote': 'say "hi"' }, body: 'héllo 🚀',
    }) }),
    expect: {
      status: 200,
      headers: { 'content-type': 'application/json' },
      kv: { keep: 'me' },
      // The http crate lower-cases names; the kit always sends a body, as wws's kit does.
      json: stubAnswer(200, Buffer.from('PUT https://stub.example/things?x=1\nx-quote: say "hi"\nx-a: 1\nbody some 11\n\nhéllo 🚀')),
    },
  },
  {
    name: 'rust-fetch.wasm HEAD sends an empty body (stub host)',
    file: 'rust-fetch.wasm',
    stubHttp: true,
    input: request({ path: '/rust-fetch', method: 'POST', body: JSON.stringify({ method: 'HEAD', uri: 'https://stub.example/' }) }),
    expect: { status: 200, json: stubAnswer(200, Buffer.from('HEAD https://stub.example/\nbody some 0\n\n')) },
  },
  {
    name: 'rust-fetch.wasm sends a binary body and gets it back (stub host)',
    file: 'rust-fetch.wasm',
    stubHttp: true,
    input: request({ path: '/rust-fetch', method: 'POST', body: JSON.stringify({
      method: 'DELETE', uri: 'https://stub.example/bytes?status=418', body: ALL_BYTES.toString('base64'), base64: true,
    }) }),
    expect: { status: 200, json: stubAnswer(418, Buffer.concat([Buffer.from('DELETE https://stub.example/bytes?status=418\nbody some 256\n\n'), ALL_BYTES])) },
  },
  {
    name: 'rust-fetch.wasm reports the error the host answers (stub host)',
    file: 'rust-fetch.wasm',
    stubHttp: true,
    input: request({ path: '/rust-fetch', method: 'POST', body: JSON.stringify({ uri: 'https://elsewhere.example/' }) }),
    expect: {
      status: 200,
      json: { error: 'not-allowed', message: "The host 'elsewhere.example' is not allowed for this worker. Please, update the worker configuration." },
    },
  },
  {
    name: 'rust-fetch.wasm answers 400 without a document',
    file: 'rust-fetch.wasm',
    stubHttp: true,
    input: request({ path: '/rust-fetch', method: 'POST', body: '' }),
    expect: { status: 400, headers: { 'content-type': 'text/plain' }, startsWith: 'usage: ' },
  },
  ...[
    ['', 'the request body is not a JSON object'],
    [JSON.stringify({ method: 'GET' }), '"uri" is missing or not a string'],
    [JSON.stringify({ method: 'FETCH', uri: 'https://stub.example/' }), 'unknown method'],
    [JSON.stringify({ uri: 'https://stub.example/', body: '%%%', base64: true }), '"body" is not valid base64'],
  ].map(([body, why]) => ({
    name: `fetch.wasm answers 400 when ${why}`,
    file: 'fetch.wasm',
    stubHttp: true,
    input: request({ path: '/fetch', method: 'POST', body }),
    expect: { status: 400, headers: { 'content-type': 'text/plain' }, startsWith: 'usage: ', contains: `(${why})` },
  })),
  // ---- deep-call: recurses, then makes one host call (the host's stack tests go near the limit) ----
  {
    name: 'deep-call.wasm ?depth=1000&op=none',
    file: 'deep-call.wasm',
    stubHttp: true,
    input: request({ path: '/deep-call', query: '?depth=1000&op=none', kv: { keep: 'me' } }),
    expect: { status: 200, headers: { 'content-type': 'text/plain' }, equals: 'none', kv: { keep: 'me' } },
  },
  {
    name: 'deep-call.wasm ?depth=1000&op=fetch (stub host)',
    file: 'deep-call.wasm',
    stubHttp: true,
    input: request({ path: '/deep-call', query: '?depth=1000&op=fetch', method: 'POST', body: 'https://stub.example/?status=204' }),
    expect: { status: 200, equals: 'fetched 204' },
  },
  {
    name: 'deep-call.wasm ?depth=1000&op=file writes, reads back and removes /data/deep.txt',
    file: 'deep-call.wasm',
    stubHttp: true,
    preopens: DATA,
    input: request({ path: '/deep-call', query: '?depth=1000&op=file' }),
    expect: { status: 200, equals: 'file ok' },
  },
  {
    name: 'deep-call.wasm ?depth=1000&op=write writes a line to stderr',
    file: 'deep-call.wasm',
    stubHttp: true,
    input: request({ path: '/deep-call', query: '?depth=1000&op=write' }),
    expect: { status: 200, equals: 'written' },
    stderr: stderrIs('deep-call: written at the bottom\n'),
  },
  // ---- open-files and disk-write: under node nothing caps them, so they stop at ?max / ?kb ----
  {
    name: 'open-files.wasm ?max=20 opens 20 files in /data, closes and removes them',
    file: 'open-files.wasm',
    preopens: DATA,
    input: request({ path: '/open-files', query: '?max=20', kv: { keep: 'me' } }),
    expect: { status: 200, headers: { 'content-type': 'text/plain' }, equals: 'opened 20', kv: { keep: 'me' } },
  },
  {
    name: 'open-files.wasm without a mount fails its first open',
    file: 'open-files.wasm',
    input: request({ path: '/open-files', query: '?max=3' }),
    expect: { status: 200, equals: 'opened 0, then Capabilities insufficient' },
  },
  {
    name: 'disk-write.wasm ?kb=200 writes 200 KiB to /data/disk-write.txt and removes it',
    file: 'disk-write.wasm',
    preopens: DATA,
    input: request({ path: '/disk-write', query: '?kb=200', kv: { keep: 'me' } }),
    expect: { status: 200, headers: { 'content-type': 'text/plain' }, equals: 'wrote 204800', kv: { keep: 'me' } },
  },
  ...[['open-files.wasm', '?max=lots'], ['open-files.wasm', '?leave=2'], ['disk-write.wasm', '?kb=-1']].map(([file, query]) => ({
    name: `${file} ${query} answers 400`,
    file,
    input: request({ path: `/${file.replace('.wasm', '')}`, query }),
    expect: { status: 400, headers: { 'content-type': 'text/plain' }, startsWith: 'usage: ' },
  })),
  ...['', '?depth=1', '?depth=x&op=none', '?depth=1&op=fetch'].map((query) => ({
    name: `deep-call.wasm ${query || '(no query)'} answers 400`,
    file: 'deep-call.wasm',
    stubHttp: true,
    input: request({ path: '/deep-call', query }),
    expect: { status: 400, headers: { 'content-type': 'text/plain' }, startsWith: 'usage: ' },
  })),
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
  if (expect.base64Data !== undefined && out.data !== expect.base64Data) {
    fail(errors, `data ${JSON.stringify(String(out.data).slice(0, 200))}, expected ${JSON.stringify(expect.base64Data)}`);
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

/**
 * Runs a module once. Returns { exitCode, trap, ms, stdout, stderr }: `trap` is the
 * WebAssembly.RuntimeError that ended the run, if one did; `ms` the wall-clock time.
 */
async function runWorker(wasmPath, stdinText, { env = {}, preopens = {}, stubHttp: withStubHttp = false } = {}) {
  const inPath = join(work, 'stdin');
  const outPath = join(work, 'stdout');
  const errPath = join(work, 'stderr');
  writeFileSync(inPath, stdinText);
  const fdIn = openSync(inPath, 'r');
  const fdOut = openSync(outPath, 'w');
  const fdErr = openSync(errPath, 'w');
  let exitCode;
  let trap = null;
  let ms;
  let component;
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
    const core = coreModuleOf(readFileSync(wasmPath));
    component = core.component;
    const module = await WebAssembly.compile(core.bytes);
    const ref = {};
    const imports = { ...wasi.getImportObject(), ...(withStubHttp ? stubHttp(ref) : {}) };
    const instance = await WebAssembly.instantiate(module, imports);
    ref.instance = instance;
    const start = performance.now();
    try {
      if ('_start' in instance.exports) {
        exitCode = wasi.start(instance);
      } else {
        // A reactor: _initialize, then the default export "" if there is one.
        wasi.initialize(instance);
        instance.exports['']?.();
        exitCode = 0;
      }
    } catch (e) {
      if (!(e instanceof WebAssembly.RuntimeError)) throw e;
      trap = e;
    }
    ms = performance.now() - start;
  } finally {
    closeSync(fdIn);
    closeSync(fdOut);
    closeSync(fdErr);
  }
  return { exitCode, trap, ms, component, stdout: readFileSync(outPath, 'utf8'), stderr: readFileSync(errPath, 'utf8') };
}

/**
 * The core module to run for a .wasm file: the file itself, or, for a component (layer 1
 * in the preamble) made with the WASI preview1 adapter, the one top-level core module
 * (section 1) that imports wasi_snapshot_preview1, found by walking the sections.
 */
function coreModuleOf(bytes) {
  if (bytes.length < 8 || bytes[6] !== 1 || bytes[7] !== 0) return { bytes, component: false };
  const wrapped = [];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at++];
    let size = 0;
    let shift = 0;
    let byte;
    do {
      byte = bytes[at++];
      size += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    if (id === 1) {
      const core = bytes.subarray(at, at + size);
      const imports = WebAssembly.Module.imports(new WebAssembly.Module(core));
      if (imports.some((i) => i.module === 'wasi_snapshot_preview1')) wrapped.push(core);
    }
    at += size;
  }
  if (wrapped.length !== 1) throw new Error(`a component with ${wrapped.length} WASI preview1 modules, expected 1`);
  return { bytes: wrapped[0], component: true };
}

// The body of the worker thread that runWatched() starts (CommonJS, run with eval).
const WATCHED_RUNNER = `
const { workerData: w, parentPort } = require('node:worker_threads');
const { WASI } = require('node:wasi');
const wasi = new WASI({ version: 'preview1', args: [w.wasmPath], env: w.env, preopens: w.preopens,
  stdin: w.fdIn, stdout: w.fdOut, stderr: w.fdErr, returnOnExit: true });
const instance = new WebAssembly.Instance(new WebAssembly.Module(w.bytes), wasi.getImportObject());
parentPort.postMessage({ started: true });
try {
  parentPort.postMessage({ exitCode: wasi.start(instance) });
} catch (e) {
  parentPort.postMessage({ trap: String(e) });
}
`;

/**
 * Runs a module that should never end in a worker thread, waits `ms` after it started,
 * and terminates it (V8 interrupts the running Wasm). Returns { ended, stdout, stderr }:
 * `ended` describes how the run ended within `ms`, or is null when it was still running.
 */
async function runWatched(wasmPath, stdinText, ms, { env = {}, preopens = {}, stdoutToNull = false } = {}) {
  const inPath = join(work, 'stdin');
  const outPath = stdoutToNull ? '/dev/null' : join(work, 'stdout');
  const errPath = join(work, 'stderr');
  writeFileSync(inPath, stdinText);
  const fdIn = openSync(inPath, 'r');
  const fdOut = openSync(outPath, 'w');
  const fdErr = openSync(errPath, 'w');
  let ended = null;
  try {
    const worker = new Worker(WATCHED_RUNNER, {
      eval: true,
      workerData: { wasmPath, bytes: readFileSync(wasmPath), env, preopens, fdIn, fdOut, fdErr },
    });
    const failed = new Promise((_, reject) => worker.once('error', reject));
    await Promise.race([new Promise((res) => worker.once('message', res)), failed]); // started
    worker.on('message', (m) => { ended = m; });
    await Promise.race([new Promise((res) => setTimeout(res, ms)), failed]);
    await worker.terminate();
  } finally {
    closeSync(fdIn);
    closeSync(fdOut);
    closeSync(fdErr);
  }
  return {
    ended,
    stdout: stdoutToNull ? null : readFileSync(outPath, 'utf8'),
    stderr: readFileSync(errPath, 'utf8'),
  };
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
  ...(testsDir ? testWorkerCases.map((c) => ({ ...c, dir: testsDir, label: `test-workers/${c.name ?? c.file}` })) : []),
];
try {
  for (const c of all) {
    const wasmPath = join(c.dir, c.file);
    const label = c.label ?? c.name ?? c.file;
    collectGarbage();
    const stdinText = c.stdin ?? JSON.stringify(c.input);
    const errors = [];
    let result;
    try {
      result = c.stillRunningAfterMs
        ? await runWatched(wasmPath, stdinText, c.stillRunningAfterMs, c)
        : await runWorker(wasmPath, stdinText, c);
    } catch (e) {
      fail(errors, `could not run: ${e.message}`);
    }
    if (result && c.stillRunningAfterMs) {
      if (result.ended) fail(errors, `ended within ${c.stillRunningAfterMs} ms: ${JSON.stringify(result.ended)}`);
      if (c.stdout && result.stdout !== null) c.stdout(result.stdout, errors);
      if (c.stderr) c.stderr(result.stderr, errors);
    } else if (result) {
      if (c.trap) {
        if (!result.trap) fail(errors, `expected a trap (${c.trap}), got exit code ${result.exitCode}`);
        else if (!result.trap.message.includes(c.trap)) fail(errors, `trap "${result.trap.message}", expected "${c.trap}"`);
      } else if (result.trap) {
        fail(errors, `trapped: ${result.trap.message}`);
      } else if (result.exitCode !== (c.exitCode ?? 0)) {
        fail(errors, `exit code ${result.exitCode}, expected ${c.exitCode ?? 0}`);
      }
      if (c.component !== undefined && result.component !== c.component) {
        fail(errors, c.component ? 'not a component' : 'a component');
      }
      if (c.expect) {
        const out = validateOutput(result.stdout, errors);
        if (out) checkExpectations(out, c.expect, stdinText, errors);
      }
      if (c.stdout) c.stdout(result.stdout, errors);
      if (c.stderr) c.stderr(result.stderr, errors);
      if (c.minMs !== undefined && result.ms < c.minMs) fail(errors, `took ${result.ms.toFixed(1)} ms, expected at least ${c.minMs}`);
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
  // Every module of the sample app (and of test-workers/) must be covered by a case.
  const folders = [[appDir, cases, '']];
  if (testsDir) folders.push([testsDir, testWorkerCases, 'test-workers/']);
  for (const [dir, dirCases, prefix] of folders) {
    const covered = new Set(dirCases.map((c) => c.file));
    for (const p of listFiles(dir, '.wasm')) {
      const rel = relative(dir, p).split(sep).join('/');
      if (!covered.has(rel)) {
        failures++;
        console.log(`  FAIL  ${prefix}${rel}: no smoke-test case for this module`);
      }
    }
    // A worker's TOML file must sit beside it with the same name (x.wasm, x.js or x.py -> x.toml).
    for (const p of listFiles(dir, '.toml')) {
      const base = p.slice(0, -'.toml'.length);
      if (!existsSync(base + '.wasm') && !existsSync(base + '.js') && !existsSync(base + '.py')) {
        failures++;
        console.log(`  FAIL  ${prefix}${relative(dir, p).split(sep).join('/')}: no worker of the same name beside it`);
      }
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.log(`smoke test: ${passed} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
