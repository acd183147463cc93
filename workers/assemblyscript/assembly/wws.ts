// wws.ts - a tiny helper for Wasm Workers Server (wws) protocol workers in AssemblyScript.
//
// Built with @assemblyscript/wasi-shim, a worker is a WASI preview1 command. The host
// writes one JSON request document to stdin:
//   {"url":..,"method":..,"headers":{..},"body":..,"kv":{..},"params":{..}}
// and the worker answers with one JSON object on stdout:
//   {"data":..,"headers":{..},"status":200,"kv":{..},"base64":false}
//
// This is an example, not a JSON library: it can find a *top-level* field, decode a
// string value and copy a raw value (used to give the KV snapshot back unchanged). It
// walks the document properly (nested objects, arrays and strings are skipped as a
// whole), so a header called "body" is never mistaken for the "body" field.

// Our own binding, so that partial writes can be retried (the shim's stdout.write
// ignores the byte count).
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "fd_write")
declare function wasi_fd_write(fd: u32, iovs: usize, iovsLen: usize, nwritten: usize): u16;

/** Reads all of stdin and decodes it as UTF-8. */
export function readStdin(): string {
  const chunks = new Array<ArrayBuffer>();
  let total = 0;
  while (true) {
    const buffer = new ArrayBuffer(8192);
    const n = process.stdin.read(buffer);
    if (n <= 0) break;
    chunks.push(buffer.slice(0, n));
    total += n;
  }
  const all = new Uint8Array(total);
  let offset = 0;
  for (let i = 0; i < chunks.length; i++) {
    const chunk = Uint8Array.wrap(chunks[i]);
    all.set(chunk, offset);
    offset += chunk.length;
  }
  return String.UTF8.decode(all.buffer);
}

/** Writes `text` to stdout as UTF-8, retrying partial writes. Returns false on error. */
export function writeStdout(text: string): bool {
  const bytes = String.UTF8.encode(text);
  const iov = new ArrayBuffer(12); // iovec {buf, len} + the u32 result
  const base = changetype<usize>(bytes);
  const iovPtr = changetype<usize>(iov);
  let done = 0;
  const length = bytes.byteLength;
  while (done < length) {
    store<u32>(iovPtr, <u32>(base + <usize>done));
    store<u32>(iovPtr, <u32>(length - done), 4);
    const errno = wasi_fd_write(1, iovPtr, 1, iovPtr + 8);
    if (errno != 0) return false;
    const written = <i32>load<u32>(iovPtr, 8);
    if (written <= 0) return false;
    done += written;
  }
  return true;
}

function isWs(c: i32): bool {
  return c == 0x20 || c == 0x09 || c == 0x0a || c == 0x0d;
}

function skipWs(s: string, i: i32): i32 {
  while (i < s.length && isWs(s.charCodeAt(i))) i++;
  return i;
}

/** `i` is at a '"': returns the index after the closing quote, or -1. */
function skipString(s: string, i: i32): i32 {
  if (i >= s.length || s.charCodeAt(i) != 0x22) return -1;
  i++;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c == 0x22) return i + 1;
    if (c == 0x5c) i++; // backslash: skip the escaped character
    i++;
  }
  return -1;
}

/** Skips any JSON value starting at `i` (after whitespace); returns its end or -1. */
function skipValue(s: string, i: i32): i32 {
  i = skipWs(s, i);
  if (i >= s.length) return -1;
  const c = s.charCodeAt(i);
  if (c == 0x22) return skipString(s, i);
  if (c == 0x7b || c == 0x5b) {
    // Objects and arrays: count brackets, skipping strings as a whole.
    let depth = 0;
    while (i < s.length) {
      const d = s.charCodeAt(i);
      if (d == 0x22) {
        i = skipString(s, i);
        if (i < 0) return -1;
        continue;
      }
      if (d == 0x7b || d == 0x5b) depth++;
      else if (d == 0x7d || d == 0x5d) {
        depth--;
        if (depth == 0) return i + 1;
      }
      i++;
    }
    return -1;
  }
  // Numbers, true, false, null: up to the next delimiter.
  const start = i;
  while (i < s.length) {
    const d = s.charCodeAt(i);
    if (d == 0x2c || d == 0x7d || d == 0x5d || isWs(d)) break;
    i++;
  }
  return i > start ? i : -1;
}

/** Index of the value of top-level field `key` of the object in `json`, or -1. */
export function findField(json: string, key: string): i32 {
  let i = skipWs(json, 0);
  if (i >= json.length || json.charCodeAt(i) != 0x7b) return -1;
  i = skipWs(json, i + 1);
  if (i < json.length && json.charCodeAt(i) == 0x7d) return -1;
  let found = -1;
  while (i < json.length) {
    const keyEnd = skipString(json, i);
    if (keyEnd < 0) return -1;
    const name = decodeString(json, i);
    i = skipWs(json, keyEnd);
    if (i >= json.length || json.charCodeAt(i) != 0x3a) return -1;
    const valueStart = skipWs(json, i + 1);
    const valueEnd = skipValue(json, valueStart);
    if (valueEnd < 0) return -1;
    if (name !== null && name == key) found = valueStart; // the last duplicate wins
    i = skipWs(json, valueEnd);
    if (i >= json.length) return -1;
    const c = json.charCodeAt(i);
    if (c == 0x2c) {
      i = skipWs(json, i + 1);
      continue;
    }
    if (c == 0x7d) return found;
    return -1;
  }
  return -1;
}

function hexValue(c: i32): i32 {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/** Decodes the JSON string literal at `i`; null if there is none or it is invalid.
 *  \uXXXX escapes become UTF-16 code units, so escaped surrogate pairs just work. */
export function decodeString(s: string, i: i32): string | null {
  const end = skipString(s, i);
  if (end < 0) return null;
  let out = "";
  let run = i + 1; // start of the current run of plain characters
  let j = i + 1;
  const last = end - 1;
  while (j < last) {
    if (s.charCodeAt(j) != 0x5c) {
      j++;
      continue;
    }
    out += s.substring(run, j);
    const e = s.charCodeAt(j + 1);
    j += 2;
    if (e == 0x22) out += "\"";
    else if (e == 0x5c) out += "\\";
    else if (e == 0x2f) out += "/";
    else if (e == 0x62) out += "\b";
    else if (e == 0x66) out += "\f";
    else if (e == 0x6e) out += "\n";
    else if (e == 0x72) out += "\r";
    else if (e == 0x74) out += "\t";
    else if (e == 0x75) {
      if (j + 4 > last) return null;
      let code = 0;
      for (let k = 0; k < 4; k++) {
        const h = hexValue(s.charCodeAt(j + k));
        if (h < 0) return null;
        code = (code << 4) | h;
      }
      out += String.fromCharCode(code);
      j += 4;
    } else return null;
    run = j;
  }
  out += s.substring(run, last);
  return out;
}

/** The decoded top-level string field `key`, or null if missing or not a string. */
export function getString(json: string, key: string): string | null {
  const at = findField(json, key);
  if (at < 0) return null;
  return decodeString(json, at);
}

/** The raw JSON text of top-level field `key`, or `fallback`. */
export function getRaw(json: string, key: string, fallback: string): string {
  const at = findField(json, key);
  if (at < 0) return fallback;
  const end = skipValue(json, at);
  return end < 0 ? fallback : json.substring(at, end);
}

/** `s` as a JSON string literal (quotes included). */
export function jsonString(s: string): string {
  let out = "\"";
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let esc: string | null = null;
    if (c == 0x22) esc = "\\\"";
    else if (c == 0x5c) esc = "\\\\";
    else if (c == 0x0a) esc = "\\n";
    else if (c == 0x0d) esc = "\\r";
    else if (c == 0x09) esc = "\\t";
    else if (c < 0x20) esc = "\\u00" + (c < 0x10 ? "0" : "") + c.toString(16);
    if (esc !== null) {
      out += s.substring(run, i);
      out += esc;
      run = i + 1;
    }
  }
  out += s.substring(run);
  return out + "\"";
}

/** Writes the output document. `headers` holds name/value pairs: [n0, v0, n1, v1, ...].
 *  `kvJson` must be a JSON object text (pass the incoming "kv" to keep the namespace). */
export function respond(status: i32, headers: string[], body: string, kvJson: string): bool {
  let out = "{\"data\":" + jsonString(body) + ",\"headers\":{";
  for (let i = 0; i + 1 < headers.length; i += 2) {
    if (i > 0) out += ",";
    out += jsonString(headers[i]) + ":" + jsonString(headers[i + 1]);
  }
  out += "},\"status\":" + status.toString() + ",\"kv\":" + kvJson + ",\"base64\":false}";
  return writeStdout(out);
}
