/*
 * The JavaScript worker API of Wasm Workers for Spring Boot: the globals a wws JavaScript
 * worker expects (wws spec §8.2) and a few more. See docs/javascript.md.
 *
 * This file is compiled to QuickJS bytecode once and evaluated once, as its own module,
 * before any worker runs; every request then starts from a copy of the engine's memory
 * taken at that point. Nothing here may depend on the request, the time or randomness at
 * evaluation time. Each worker module calls __wwsServe (at the end) on its first line.
 *
 * The server renames this module in its bytecode, together with every string of the same
 * text as the workers' module name: that name must not be written out here.
 */
(() => {
  "use strict";

  /* ---------------------------------------------------------------- host bridge */

  const io = globalThis.Javy.IO;
  const hostInvoke = globalThis.java_invoke;
  delete globalThis.Javy;
  delete globalThis.java_invoke;
  delete globalThis.plugin;

  /* Calls the host: module and name select the function, the argument and the answer are JSON. */
  const callHost = (module, name, argument) => JSON.parse(hostInvoke(module, name, JSON.stringify(argument)));

  const encoder = new TextEncoder();
  const decoder = new TextDecoder();

  const writeFd = (fd, text) => {
    const bytes = encoder.encode(text);
    let offset = 0;
    while (offset < bytes.length) {
      const written = io.writeSync(fd, bytes.subarray(offset));
      if (!(written > 0)) {
        break;
      }
      offset += written;
    }
  };

  const readStdin = () => {
    const chunks = [];
    let total = 0;
    for (;;) {
      const chunk = new Uint8Array(65536);
      const read = io.readSync(0, chunk);
      if (!(read > 0)) {
        break;
      }
      chunks.push(chunk.subarray(0, read));
      total += read;
    }
    const all = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      all.set(chunk, offset);
      offset += chunk.length;
    }
    return decoder.decode(all);
  };

  const define = (name, value) => {
    Object.defineProperty(globalThis, name, { value, writable: true, enumerable: false, configurable: true });
  };

  /* ---------------------------------------------------------------- randomness */

  /*
   * QuickJS seeds Math.random when the engine starts, which happens once for all requests
   * (see above), so each request seeds it from the host (xoshiro128**), on its first call:
   * a request that draws no random number does not pay for the host call.
   */
  const randomState = new Uint32Array(4);
  let seeded = false;
  const rotl = (x, k) => (x << k) | (x >>> (32 - k));
  const nextRandom32 = () => {
    const s = randomState;
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  };
  Object.defineProperty(Math, "random", {
    value: function random() {
      if (!seeded) {
        seedRandom(callHost("wws", "seed", null));
        seeded = true;
      }
      return (nextRandom32() * 2 ** 21 + (nextRandom32() >>> 11)) / 2 ** 53;
    },
    writable: true,
    enumerable: false,
    configurable: true,
  });
  const seedRandom = (seed) => {
    for (let i = 0; i < 4; i++) {
      randomState[i] = seed[i] >>> 0;
    }
    if ((randomState[0] | randomState[1] | randomState[2] | randomState[3]) === 0) {
      randomState[0] = 1;
    }
  };

  /* ---------------------------------------------------------------- base64 */

  const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const BASE64_VALUES = new Int16Array(128).fill(-1);
  for (let i = 0; i < BASE64.length; i++) {
    BASE64_VALUES[BASE64.charCodeAt(i)] = i;
  }

  const bytesToBase64 = (bytes) => {
    const parts = [];
    let line = "";
    let i = 0;
    for (; i + 2 < bytes.length; i += 3) {
      const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
      line += BASE64[n >>> 18] + BASE64[(n >>> 12) & 63] + BASE64[(n >>> 6) & 63] + BASE64[n & 63];
      if (line.length >= 8192) {
        parts.push(line);
        line = "";
      }
    }
    if (i < bytes.length) {
      const n = (bytes[i] << 16) | ((i + 1 < bytes.length ? bytes[i + 1] : 0) << 8);
      line += BASE64[n >>> 18] + BASE64[(n >>> 12) & 63];
      line += i + 1 < bytes.length ? BASE64[(n >>> 6) & 63] + "=" : "==";
    }
    parts.push(line);
    return parts.join("");
  };

  const base64ToBytes = (text) => {
    const clean = String(text).replace(/[\t\n\f\r ]/g, "");
    let length = clean.length;
    if (length % 4 === 0 && clean.endsWith("==")) {
      length -= 2;
    } else if (length % 4 === 0 && clean.endsWith("=")) {
      length -= 1;
    }
    if (length % 4 === 1) {
      throw new DOMException("The string to be decoded is not correctly encoded.", "InvalidCharacterError");
    }
    const bytes = new Uint8Array(Math.floor((length * 3) / 4));
    let buffer = 0;
    let bits = 0;
    let out = 0;
    for (let i = 0; i < length; i++) {
      const code = clean.charCodeAt(i);
      const value = code < 128 ? BASE64_VALUES[code] : -1;
      if (value < 0) {
        throw new DOMException("The string to be decoded is not correctly encoded.", "InvalidCharacterError");
      }
      buffer = (buffer << 6) | value;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        bytes[out++] = (buffer >>> bits) & 0xff;
      }
    }
    return bytes;
  };

  class DOMException extends Error {
    constructor(message = "", name = "Error") {
      super(message);
      Object.defineProperty(this, "name", { value: String(name), writable: true, configurable: true });
    }
  }

  define("DOMException", DOMException);

  define("btoa", function btoa(text) {
    const string = String(text);
    const bytes = new Uint8Array(string.length);
    for (let i = 0; i < string.length; i++) {
      const code = string.charCodeAt(i);
      if (code > 255) {
        throw new DOMException("The string to be encoded contains characters outside of the Latin1 range.",
          "InvalidCharacterError");
      }
      bytes[i] = code;
    }
    return bytesToBase64(bytes);
  });

  define("atob", function atob(text) {
    const bytes = base64ToBytes(text);
    let result = "";
    for (let i = 0; i < bytes.length; i += 4096) {
      result += String.fromCharCode.apply(null, bytes.subarray(i, i + 4096));
    }
    return result;
  });

  /* ---------------------------------------------------------------- binary helpers */

  const isBinary = (value) => value instanceof ArrayBuffer || ArrayBuffer.isView(value);

  const toBytes = (value) => {
    if (value instanceof ArrayBuffer) {
      return new Uint8Array(value);
    }
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  };

  const copyToArrayBuffer = (bytes) => bytes.slice().buffer;

  /* ---------------------------------------------------------------- TextEncoder.encodeInto */

  Object.defineProperty(TextEncoder.prototype, "encodeInto", {
    value: function encodeInto(source, destination) {
      const string = String(source);
      let read = 0;
      let written = 0;
      for (const character of string) {
        const bytes = encoder.encode(character);
        if (written + bytes.length > destination.length) {
          break;
        }
        destination.set(bytes, written);
        written += bytes.length;
        read += character.length;
      }
      return { read, written };
    },
    writable: true,
    enumerable: false,
    configurable: true,
  });

  /* ---------------------------------------------------------------- console */

  const inspect = (value, depth, seen) => {
    switch (typeof value) {
      case "string":
        return depth === 0 ? value : JSON.stringify(value);
      case "undefined":
        return "undefined";
      case "function":
        return `[Function${value.name ? ": " + value.name : " (anonymous)"}]`;
      case "symbol":
        return value.toString();
      case "bigint":
        return `${value}n`;
      case "number":
      case "boolean":
        return String(value);
      default:
        break;
    }
    if (value === null) {
      return "null";
    }
    if (value instanceof Error) {
      return formatError(value);
    }
    if (seen.includes(value)) {
      return "[Circular]";
    }
    if (depth > 4) {
      return Array.isArray(value) ? "[Array]" : "[Object]";
    }
    const nested = seen.concat([value]);
    if (Array.isArray(value)) {
      return `[ ${value.map((item) => inspect(item, depth + 1, nested)).join(", ")} ]`;
    }
    if (value instanceof Headers || value instanceof URLSearchParams) {
      const entries = Array.from(value, ([k, v]) => `${JSON.stringify(k)} => ${JSON.stringify(v)}`);
      return `${value.constructor.name} { ${entries.join(", ")} }`;
    }
    if (value instanceof URL) {
      return `URL ${JSON.stringify(value.href)}`;
    }
    if (value instanceof Date) {
      return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
    }
    if (value instanceof Map) {
      const entries = Array.from(value, ([k, v]) => `${inspect(k, depth + 1, nested)} => ${inspect(v, depth + 1, nested)}`);
      return `Map(${value.size}) { ${entries.join(", ")} }`;
    }
    if (value instanceof Set) {
      return `Set(${value.size}) { ${Array.from(value, (v) => inspect(v, depth + 1, nested)).join(", ")} }`;
    }
    if (ArrayBuffer.isView(value)) {
      return `${value.constructor.name}(${value.length}) [ ${Array.prototype.slice.call(value, 0, 50).join(", ")}${value.length > 50 ? ", ..." : ""} ]`;
    }
    if (value instanceof ArrayBuffer) {
      return `ArrayBuffer { byteLength: ${value.byteLength} }`;
    }
    if (value instanceof Promise) {
      return "Promise {}";
    }
    const keys = Object.keys(value);
    const name = value.constructor && value.constructor !== Object && value.constructor.name ? value.constructor.name + " " : "";
    if (keys.length === 0) {
      return `${name}{}`;
    }
    const properties = keys.map((key) => {
      const label = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
      return `${label}: ${inspect(value[key], depth + 1, nested)}`;
    });
    return `${name}{ ${properties.join(", ")} }`;
  };

  const format = (args) => {
    let first = 0;
    let text = "";
    if (typeof args[0] === "string" && args[0].includes("%")) {
      let next = 1;
      text = args[0].replace(/%([sdifoOjc%])/g, (match, type) => {
        if (type === "%") {
          return "%";
        }
        if (next >= args.length) {
          return match;
        }
        const arg = args[next++];
        switch (type) {
          case "s":
            return typeof arg === "string" ? arg : inspect(arg, 1, []);
          case "d":
          case "i":
            return typeof arg === "bigint" ? `${arg}n` : String(type === "i" ? Math.trunc(Number(arg)) : Number(arg));
          case "f":
            return String(Number(arg));
          case "j":
            try {
              return JSON.stringify(arg);
            } catch (e) {
              return "[Circular]";
            }
          case "c":
            return "";
          default:
            return inspect(arg, 1, []);
        }
      });
      first = next;
    } else if (args.length > 0) {
      text = inspect(args[0], 0, []);
      first = 1;
    }
    for (let i = first; i < args.length; i++) {
      text += " " + inspect(args[i], 0, []);
    }
    return text;
  };

  const counts = new Map();
  const timers = new Map();
  let groupIndent = "";

  const print = (args) => {
    const text = format(args);
    writeFd(2, groupIndent ? text.split("\n").map((line) => groupIndent + line).join("\n") + "\n" : text + "\n");
  };

  const console = {
    log: (...args) => print(args),
    info: (...args) => print(args),
    debug: (...args) => print(args),
    warn: (...args) => print(args),
    error: (...args) => print(args),
    trace: (...args) => {
      const stack = new Error().stack.split("\n").slice(1).join("\n");
      print(["Trace" + (args.length ? ": " + format(args) : "") + "\n" + describeStack(stack)]);
    },
    assert: (condition, ...args) => {
      if (!condition) {
        print(["Assertion failed" + (args.length ? ": " + format(args) : "")]);
      }
    },
    dir: (value) => print([value]),
    table: (value) => print([value]),
    count: (label = "default") => {
      const count = (counts.get(label) || 0) + 1;
      counts.set(label, count);
      print([`${label}: ${count}`]);
    },
    countReset: (label = "default") => {
      counts.delete(label);
    },
    time: (label = "default") => {
      timers.set(label, Date.now());
    },
    timeLog: (label = "default", ...args) => {
      if (timers.has(label)) {
        print([`${label}: ${Date.now() - timers.get(label)}ms`, ...args]);
      }
    },
    timeEnd: (label = "default") => {
      if (timers.has(label)) {
        print([`${label}: ${Date.now() - timers.get(label)}ms`]);
        timers.delete(label);
      }
    },
    group: (...args) => {
      if (args.length) {
        print(args);
      }
      groupIndent += "  ";
    },
    groupEnd: () => {
      groupIndent = groupIndent.slice(2);
    },
  };
  console.groupCollapsed = console.group;
  define("console", console);

  /* ---------------------------------------------------------------- errors and stacks */

  /*
   * Set per worker by the start-up code: how file positions are shown in stacks. The
   * worker's module name is built, not written out, because the server renames this
   * module's own name in its bytecode, and a string with the same text would be renamed
   * with it.
   */
  const WORKER_MODULE = ["function", "mjs"].join(".");
  let workerFile = "worker.js";
  let firstLineShift = 0;

  const describeStack = (stack) =>
    String(stack || "").replace(/\(([^():]+):(\d+)(?::(\d+))?\)/g, (match, file, line, column) => {
      if (file === WORKER_MODULE) {
        const shown = line === "1" && column !== undefined ? Math.max(1, Number(column) - firstLineShift) : column;
        return `(${workerFile}:${line}${shown !== undefined ? ":" + shown : ""})`;
      }
      if (file === "worker-api.mjs") {
        return `(worker-api.js:${line}${column !== undefined ? ":" + column : ""})`;
      }
      return match;
    });

  function formatError(error) {
    if (!(error instanceof Error)) {
      return `${typeof error === "string" ? error : inspect(error, 1, [])}`;
    }
    const head = error.message ? `${error.name}: ${error.message}` : String(error.name);
    /* The frames of the worker API that called the handler say nothing to the worker's author. */
    const stack = describeStack(error.stack)
      .replace(/\s+$/, "")
      .replace(/(\n\s*at [^\n]*\((native|worker-api\.js:[^)]*)\))+$/, "")
      .replace(/^\s*at [^\n]*\((native|worker-api\.js:[^)]*)\)$/, "");
    return stack ? `${head}\n${stack}` : head;
  }

  const describeError = (error) => {
    if (error instanceof Error) {
      return error.message ? `${error.name}: ${error.message}` : String(error.name);
    }
    return typeof error === "string" ? error : inspect(error, 1, []);
  };

  /* ---------------------------------------------------------------- Headers */

  const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

  /*
   * Header names already checked, with their lower-case form: common names are checked
   * once here, before the engine image is taken, so a request does not run the regular
   * expression for them.
   */
  const checkedNames = new Map();

  const headerName = (name) => {
    const text = String(name);
    const known = checkedNames.get(text);
    if (known !== undefined) {
      return known;
    }
    if (!HEADER_NAME.test(text)) {
      throw new TypeError(`Invalid header name: ${JSON.stringify(text)}`);
    }
    return text.toLowerCase();
  };

  for (const name of ["accept", "accept-encoding", "accept-language", "authorization", "cache-control", "connection",
    "content-length", "content-type", "cookie", "host", "location", "origin", "referer", "set-cookie", "user-agent",
    "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "Content-Type", "Location", "Set-Cookie"]) {
    checkedNames.set(name, headerName(name));
  }

  /* Whether a character code is HTTP whitespace (tab, line feed, carriage return, space). */
  const isHttpWhitespace = (code) => code === 32 || code === 9 || code === 10 || code === 13;

  const headerValue = (value) => {
    const text = String(value);
    if (text.length === 0 || (!isHttpWhitespace(text.charCodeAt(0)) && !isHttpWhitespace(text.charCodeAt(text.length - 1)))) {
      return text;
    }
    return text.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, "");
  };

  class Headers {
    #values = new Map();

    constructor(init) {
      if (init === undefined || init === null) {
        return;
      }
      if (init instanceof Headers) {
        for (const [name, value] of init) {
          this.append(name, value);
        }
      } else if (typeof init === "object" && typeof init[Symbol.iterator] === "function") {
        for (const pair of init) {
          const entry = Array.from(pair);
          if (entry.length !== 2) {
            throw new TypeError("Each header must be a [name, value] pair");
          }
          this.append(entry[0], entry[1]);
        }
      } else if (typeof init === "object") {
        for (const name of Object.keys(init)) {
          if (init[name] !== undefined) {
            this.append(name, init[name]);
          }
        }
      } else {
        throw new TypeError("Headers must be built from an object, an array of pairs or Headers");
      }
    }

    append(name, value) {
      const key = headerName(name);
      const text = headerValue(value);
      const previous = this.#values.get(key);
      this.#values.set(key, previous === undefined ? text : `${previous}, ${text}`);
    }

    set(name, value) {
      this.#values.set(headerName(name), headerValue(value));
    }

    get(name) {
      const value = this.#values.get(String(name).toLowerCase());
      return value === undefined ? null : value;
    }

    has(name) {
      return this.#values.has(String(name).toLowerCase());
    }

    delete(name) {
      this.#values.delete(String(name).toLowerCase());
    }

    getSetCookie() {
      const value = this.#values.get("set-cookie");
      return value === undefined ? [] : [value];
    }

    forEach(callback, thisArg) {
      for (const [name, value] of this) {
        callback.call(thisArg, value, name, this);
      }
    }

    *entries() {
      const names = Array.from(this.#values.keys()).sort();
      for (const name of names) {
        if (this.#values.has(name)) {
          yield [name, this.#values.get(name)];
        }
      }
    }

    *keys() {
      for (const [name] of this.entries()) {
        yield name;
      }
    }

    *values() {
      for (const [, value] of this.entries()) {
        yield value;
      }
    }

    [Symbol.iterator]() {
      return this.entries();
    }

    toJSON() {
      return Object.fromEntries(this.#values);
    }

    get [Symbol.toStringTag]() {
      return "Headers";
    }
  }

  define("Headers", Headers);

  /* ---------------------------------------------------------------- URLSearchParams */

  const decodeFormComponent = (text) => {
    const plain = text.replace(/\+/g, " ");
    try {
      return decodeURIComponent(plain);
    } catch (e) {
      return plain.replace(/%([0-9A-Fa-f]{2})/g, (match, hex) => {
        const code = parseInt(hex, 16);
        return code < 128 ? String.fromCharCode(code) : match;
      });
    }
  };

  const encodeFormComponent = (text) =>
    encodeURIComponent(text)
      .replace(/%20/g, "+")
      .replace(/[!'()~]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());

  class URLSearchParams {
    #pairs = [];
    #onChange = null;

    constructor(init) {
      if (init === undefined || init === null) {
        return;
      }
      if (init instanceof URLSearchParams) {
        this.#pairs = init.#pairs.map(([name, value]) => [name, value]);
      } else if (typeof init === "object" && typeof init[Symbol.iterator] === "function") {
        for (const pair of init) {
          const entry = Array.from(pair);
          if (entry.length !== 2) {
            throw new TypeError("Each search parameter must be a [name, value] pair");
          }
          this.#pairs.push([String(entry[0]), String(entry[1])]);
        }
      } else if (typeof init === "object") {
        for (const name of Object.keys(init)) {
          this.#pairs.push([name, String(init[name])]);
        }
      } else {
        this.#parse(String(init));
      }
    }

    #parse(text) {
      this.#pairs = [];
      const query = text.startsWith("?") ? text.slice(1) : text;
      for (const part of query.split("&")) {
        if (part === "") {
          continue;
        }
        const equals = part.indexOf("=");
        const name = equals < 0 ? part : part.slice(0, equals);
        const value = equals < 0 ? "" : part.slice(equals + 1);
        this.#pairs.push([decodeFormComponent(name), decodeFormComponent(value)]);
      }
    }

    #changed() {
      if (this.#onChange) {
        this.#onChange(this.toString());
      }
    }

    static _link(params, text, onChange) {
      params.#parse(text);
      params.#onChange = onChange;
    }

    static _reset(params, text) {
      params.#parse(text);
    }

    get size() {
      return this.#pairs.length;
    }

    append(name, value) {
      this.#pairs.push([String(name), String(value)]);
      this.#changed();
    }

    delete(name, value) {
      const key = String(name);
      this.#pairs = this.#pairs.filter(([n, v]) => n !== key || (value !== undefined && v !== String(value)));
      this.#changed();
    }

    get(name) {
      const key = String(name);
      const pair = this.#pairs.find(([n]) => n === key);
      return pair ? pair[1] : null;
    }

    getAll(name) {
      const key = String(name);
      return this.#pairs.filter(([n]) => n === key).map(([, v]) => v);
    }

    has(name, value) {
      const key = String(name);
      return this.#pairs.some(([n, v]) => n === key && (value === undefined || v === String(value)));
    }

    set(name, value) {
      const key = String(name);
      const text = String(value);
      const index = this.#pairs.findIndex(([n]) => n === key);
      if (index < 0) {
        this.#pairs.push([key, text]);
      } else {
        this.#pairs[index][1] = text;
        this.#pairs = this.#pairs.filter(([n], i) => n !== key || i === index);
      }
      this.#changed();
    }

    sort() {
      this.#pairs = this.#pairs
        .map((pair, index) => [pair, index])
        .sort((a, b) => (a[0][0] < b[0][0] ? -1 : a[0][0] > b[0][0] ? 1 : a[1] - b[1]))
        .map(([pair]) => pair);
      this.#changed();
    }

    forEach(callback, thisArg) {
      for (const [name, value] of this.#pairs) {
        callback.call(thisArg, value, name, this);
      }
    }

    *entries() {
      for (const [name, value] of this.#pairs) {
        yield [name, value];
      }
    }

    *keys() {
      for (const [name] of this.#pairs) {
        yield name;
      }
    }

    *values() {
      for (const [, value] of this.#pairs) {
        yield value;
      }
    }

    [Symbol.iterator]() {
      return this.entries();
    }

    toString() {
      return this.#pairs.map(([name, value]) => `${encodeFormComponent(name)}=${encodeFormComponent(value)}`).join("&");
    }

    get [Symbol.toStringTag]() {
      return "URLSearchParams";
    }
  }

  const linkSearchParams = URLSearchParams._link;
  const resetSearchParams = URLSearchParams._reset;
  delete URLSearchParams._link;
  delete URLSearchParams._reset;

  define("URLSearchParams", URLSearchParams);

  /* ---------------------------------------------------------------- URL (a subset of WHATWG URL) */

  const DEFAULT_PORTS = { "http:": "80", "https:": "443", "ws:": "80", "wss:": "443", "ftp:": "21" };
  const SPECIAL = (protocol) => protocol === "file:" || Object.prototype.hasOwnProperty.call(DEFAULT_PORTS, protocol);
  const URL_PATTERN = /^([A-Za-z][A-Za-z0-9+.-]*:)(?:\/\/([^/?#]*))?([^?#]*)(\?[^#]*)?(#.*)?$/;

  const encodeUrlPart = (text, keep) =>
    text.replace(keep, (c) => {
      if (/%[0-9A-Fa-f]{2}/.test(c)) {
        return c;
      }
      return Array.from(encoder.encode(c), (b) => "%" + b.toString(16).toUpperCase().padStart(2, "0")).join("");
    });

  const PATH_ESCAPES = /%[0-9A-Fa-f]{2}|[\u0000-\u0020"#<>?`{}\u007f-\uffff]/gu;
  const QUERY_ESCAPES = /%[0-9A-Fa-f]{2}|[\u0000-\u0020"#<>\u007f-\uffff]/gu;
  const FRAGMENT_ESCAPES = /%[0-9A-Fa-f]{2}|[\u0000-\u0020"<>`\u007f-\uffff]/gu;
  const USERINFO_ESCAPES = /%[0-9A-Fa-f]{2}|[\u0000-\u0020"#<>?`{}/:;=@[\\\]^|\u007f-\uffff]/gu;

  const removeDotSegments = (path) => {
    const output = [];
    const segments = path.split("/");
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i];
      const last = i === segments.length - 1;
      if (segment === "." || segment.toLowerCase() === "%2e") {
        if (last) {
          output.push("");
        }
      } else if (segment === ".." || /^(\.|%2e)(\.|%2e)$/i.test(segment)) {
        if (output.length > 1) {
          output.pop();
        }
        if (last) {
          output.push("");
        }
      } else {
        output.push(segment);
      }
    }
    const joined = output.join("/");
    return joined.startsWith("/") ? joined : "/" + joined;
  };

  const parseAuthority = (authority, protocol) => {
    const at = authority.lastIndexOf("@");
    const userinfo = at < 0 ? "" : authority.slice(0, at);
    const hostPort = at < 0 ? authority : authority.slice(at + 1);
    const colon = userinfo.indexOf(":");
    const username = colon < 0 ? userinfo : userinfo.slice(0, colon);
    const password = colon < 0 ? "" : userinfo.slice(colon + 1);
    let hostname = hostPort;
    let port = "";
    const match = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(hostPort);
    if (!match) {
      throw new TypeError(`Invalid URL host: ${JSON.stringify(hostPort)}`);
    }
    hostname = match[1];
    port = match[2] || "";
    if (/[\u0000-\u0020#%/:<>?@[\\\]^|]/.test(hostname.replace(/^\[.*\]$/, "x"))) {
      throw new TypeError(`Invalid URL host: ${JSON.stringify(hostname)}`);
    }
    if (SPECIAL(protocol) && protocol !== "file:" && hostname === "") {
      throw new TypeError("Invalid URL: the host is empty");
    }
    if (port !== "") {
      if (Number(port) > 65535) {
        throw new TypeError(`Invalid URL port: ${port}`);
      }
      port = String(Number(port));
      if (DEFAULT_PORTS[protocol] === port) {
        port = "";
      }
    }
    return {
      username: encodeUrlPart(username, USERINFO_ESCAPES),
      password: encodeUrlPart(password, USERINFO_ESCAPES),
      hostname: SPECIAL(protocol) ? hostname.toLowerCase() : hostname,
      port,
    };
  };

  const parseAbsolute = (text) => {
    const match = URL_PATTERN.exec(text);
    if (!match) {
      return null;
    }
    const protocol = match[1].toLowerCase();
    const special = SPECIAL(protocol);
    const parts = { protocol, username: "", password: "", hostname: "", port: "", hasAuthority: false };
    let path = match[3];
    if (match[2] !== undefined) {
      Object.assign(parts, parseAuthority(match[2], protocol));
      parts.hasAuthority = true;
    } else if (special) {
      /* "http:foo" or "http:/foo" without "//" is not supported. */
      return null;
    }
    if (special) {
      path = removeDotSegments(path === "" ? "/" : path.replace(/\\/g, "/"));
    }
    parts.pathname = encodeUrlPart(path, PATH_ESCAPES);
    parts.search = match[4] && match[4] !== "?" ? encodeUrlPart(match[4], QUERY_ESCAPES) : "";
    parts.hash = match[5] && match[5] !== "#" ? encodeUrlPart(match[5], FRAGMENT_ESCAPES) : "";
    return parts;
  };

  const resolve = (text, base) => {
    const absolute = parseAbsolute(text);
    if (absolute) {
      return absolute;
    }
    if (!base) {
      throw new TypeError(`Invalid URL: ${JSON.stringify(text)}`);
    }
    const parts = {
      protocol: base.protocol,
      username: base.username,
      password: base.password,
      hostname: base.hostname,
      port: base.port,
      hasAuthority: base.hasAuthority,
    };
    const match = /^([^?#]*)(\?[^#]*)?(#.*)?$/.exec(text.replace(/\\/g, "/"));
    const path = match[1];
    const search = match[2] !== undefined ? (match[2] === "?" ? "" : encodeUrlPart(match[2], QUERY_ESCAPES)) : undefined;
    const hash = match[3] !== undefined && match[3] !== "#" ? encodeUrlPart(match[3], FRAGMENT_ESCAPES) : "";
    if (path.startsWith("//")) {
      return parseAbsolute(base.protocol + text) || (() => {
        throw new TypeError(`Invalid URL: ${JSON.stringify(text)}`);
      })();
    }
    if (path === "") {
      parts.pathname = base.pathname;
      parts.search = search !== undefined ? search : base.search;
    } else {
      const merged = path.startsWith("/") ? path : base.pathname.slice(0, base.pathname.lastIndexOf("/") + 1) + path;
      parts.pathname = encodeUrlPart(removeDotSegments(merged), PATH_ESCAPES);
      parts.search = search !== undefined ? search : "";
    }
    parts.hash = hash;
    return parts;
  };

  class URL {
    #parts;
    #searchParams;

    constructor(url, base) {
      const baseParts = base === undefined ? null : base instanceof URL ? base.#parts : new URL(String(base)).#parts;
      this.#parts = resolve(String(url).replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "").replace(/[\t\n\r]/g, ""),
        baseParts);
      this.#searchParams = new URLSearchParams();
      linkSearchParams(this.#searchParams, this.#parts.search, (query) => {
        this.#parts.search = query === "" ? "" : "?" + query;
      });
    }

    static canParse(url, base) {
      try {
        new URL(url, base);
        return true;
      } catch (e) {
        return false;
      }
    }

    static parse(url, base) {
      try {
        return new URL(url, base);
      } catch (e) {
        return null;
      }
    }

    get href() {
      const p = this.#parts;
      let authority = "";
      if (p.hasAuthority) {
        const credentials = p.username || p.password ? `${p.username}${p.password ? ":" + p.password : ""}@` : "";
        authority = `//${credentials}${this.host}`;
      }
      return `${p.protocol}${authority}${p.pathname}${p.search}${p.hash}`;
    }

    set href(value) {
      const parts = resolve(String(value), null);
      this.#parts = parts;
      resetSearchParams(this.#searchParams, parts.search);
    }

    get origin() {
      const p = this.#parts;
      return Object.prototype.hasOwnProperty.call(DEFAULT_PORTS, p.protocol) ? `${p.protocol}//${this.host}` : "null";
    }

    get protocol() {
      return this.#parts.protocol;
    }

    set protocol(value) {
      const protocol = String(value).replace(/:.*$/, "").toLowerCase() + ":";
      if (/^[a-z][a-z0-9+.-]*:$/.test(protocol) && SPECIAL(protocol) === SPECIAL(this.#parts.protocol)) {
        this.#parts.protocol = protocol;
        if (DEFAULT_PORTS[protocol] === this.#parts.port) {
          this.#parts.port = "";
        }
      }
    }

    get username() {
      return this.#parts.username;
    }

    set username(value) {
      this.#parts.username = encodeUrlPart(String(value), USERINFO_ESCAPES);
    }

    get password() {
      return this.#parts.password;
    }

    set password(value) {
      this.#parts.password = encodeUrlPart(String(value), USERINFO_ESCAPES);
    }

    get host() {
      return this.#parts.port ? `${this.#parts.hostname}:${this.#parts.port}` : this.#parts.hostname;
    }

    set host(value) {
      const parsed = parseAuthority(String(value), this.#parts.protocol);
      this.#parts.hostname = parsed.hostname;
      this.#parts.port = parsed.port;
    }

    get hostname() {
      return this.#parts.hostname;
    }

    set hostname(value) {
      this.#parts.hostname = parseAuthority(String(value).replace(/:.*$/, ""), this.#parts.protocol).hostname;
    }

    get port() {
      return this.#parts.port;
    }

    set port(value) {
      const text = String(value);
      if (text === "") {
        this.#parts.port = "";
      } else if (/^\d+/.test(text) && Number(/^\d+/.exec(text)[0]) <= 65535) {
        const port = String(Number(/^\d+/.exec(text)[0]));
        this.#parts.port = DEFAULT_PORTS[this.#parts.protocol] === port ? "" : port;
      }
    }

    get pathname() {
      return this.#parts.pathname;
    }

    set pathname(value) {
      const text = String(value);
      const path = SPECIAL(this.#parts.protocol) ? removeDotSegments(text.startsWith("/") ? text : "/" + text) : text;
      this.#parts.pathname = encodeUrlPart(path.replace(/[?#]/g, encodeURIComponent), PATH_ESCAPES);
    }

    get search() {
      return this.#parts.search.length > 1 ? this.#parts.search : "";
    }

    set search(value) {
      const text = String(value).replace(/^\?/, "");
      this.#parts.search = text === "" ? "" : "?" + encodeUrlPart(text.replace(/#/g, "%23"), QUERY_ESCAPES);
      resetSearchParams(this.#searchParams, this.#parts.search);
    }

    get searchParams() {
      return this.#searchParams;
    }

    get hash() {
      return this.#parts.hash.length > 1 ? this.#parts.hash : "";
    }

    set hash(value) {
      const text = String(value).replace(/^#/, "");
      this.#parts.hash = text === "" ? "" : "#" + encodeUrlPart(text, FRAGMENT_ESCAPES);
    }

    toString() {
      return this.href;
    }

    toJSON() {
      return this.href;
    }

    get [Symbol.toStringTag]() {
      return "URL";
    }
  }

  define("URL", URL);

  /* ---------------------------------------------------------------- bodies */

  const bodyText = (body) => {
    if (body === undefined || body === null) {
      return "";
    }
    if (typeof body === "string") {
      return body;
    }
    if (isBinary(body)) {
      return decoder.decode(toBytes(body));
    }
    if (body instanceof Blob) {
      return decoder.decode(body._bytes);
    }
    return String(body);
  };

  const bodyBytes = (body) => {
    if (isBinary(body)) {
      return toBytes(body);
    }
    if (body instanceof Blob) {
      return body._bytes;
    }
    return encoder.encode(bodyText(body));
  };

  const normalizeBody = (body) => (body instanceof String ? body.toString() : body);

  const STATUS_TEXT = {
    100: "Continue", 101: "Switching Protocols", 200: "OK", 201: "Created", 202: "Accepted",
    203: "Non-Authoritative Information", 204: "No Content", 205: "Reset Content", 206: "Partial Content",
    300: "Multiple Choices", 301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified",
    307: "Temporary Redirect", 308: "Permanent Redirect", 400: "Bad Request", 401: "Unauthorized",
    402: "Payment Required", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
    406: "Not Acceptable", 408: "Request Timeout", 409: "Conflict", 410: "Gone", 411: "Length Required",
    412: "Precondition Failed", 413: "Content Too Large", 414: "URI Too Long", 415: "Unsupported Media Type",
    416: "Range Not Satisfiable", 417: "Expectation Failed", 418: "I'm a teapot", 422: "Unprocessable Content",
    425: "Too Early", 426: "Upgrade Required", 428: "Precondition Required", 429: "Too Many Requests",
    431: "Request Header Fields Too Large", 451: "Unavailable For Legal Reasons", 500: "Internal Server Error",
    501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
    505: "HTTP Version Not Supported",
  };

  /* ---------------------------------------------------------------- Request */

  const METHODS = ["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH"];

  /* The body readers Request and Response share; the body is kept in this.body. */
  class Body {
    /* Synchronous, as in wws. */
    text() {
      return bodyText(this.body);
    }

    json() {
      try {
        return Promise.resolve(JSON.parse(bodyText(this.body)));
      } catch (error) {
        return Promise.reject(error);
      }
    }

    arrayBuffer() {
      return Promise.resolve(copyToArrayBuffer(bodyBytes(this.body)));
    }

    bytes() {
      return Promise.resolve(bodyBytes(this.body).slice());
    }
  }

  class Request extends Body {
    constructor(input, init = {}) {
      super();
      let source = {};
      if (input instanceof Request) {
        source = input;
      } else if (input instanceof URL || typeof input === "string") {
        source = { url: String(input) };
      } else if (input && typeof input === "object" && "url" in input) {
        /* wws style: the object the server sends on stdin. */
        source = input;
      } else {
        source = { url: String(input) };
      }
      const options = init || {};
      this.url = String(source.url);
      const method = String(options.method !== undefined ? options.method : source.method || "GET");
      this.method = METHODS.includes(method.toUpperCase()) ? method.toUpperCase() : method;
      this.headers = new Headers(options.headers !== undefined ? options.headers : source.headers);
      const body = options.body !== undefined ? options.body : source.body;
      this.body = normalizeBody(body === undefined ? "" : body);
      this.params = Object.fromEntries(Object.entries(options.params !== undefined ? options.params : source.params || {}));
      this.bodyUsed = false;
    }

    formData() {
      return Promise.reject(new TypeError("Request.formData() is not supported; read request.text() instead"));
    }

    clone() {
      return new Request(this);
    }

    get [Symbol.toStringTag]() {
      return "Request";
    }
  }

  define("Request", Request);

  /* ---------------------------------------------------------------- Response */

  class Response extends Body {
    constructor(body = null, init = {}) {
      super();
      const options = init || {};
      this.body = normalizeBody(body);
      this.headers = options.headers instanceof Headers ? options.headers : new Headers(options.headers);
      const status = options.status === undefined || options.status === null ? 200 : Number(options.status);
      this.status = Number.isInteger(status) ? status : 200;
      this.statusText = options.statusText !== undefined ? String(options.statusText) : STATUS_TEXT[this.status] || "";
      this.redirected = false;
      this.type = "default";
      this.url = "";
      this.bodyUsed = false;
      if (this.body instanceof URLSearchParams && !this.headers.has("content-type")) {
        this.headers.set("content-type", "application/x-www-form-urlencoded;charset=UTF-8");
      }
    }

    static redirect(url, status = 307) {
      const location = String(url);
      return new Response(`Redirecting to ${location}`, { status, headers: { location } });
    }

    static json(data, init = {}) {
      const options = init || {};
      const headers = new Headers(options.headers);
      if (!headers.has("content-type")) {
        headers.set("content-type", "application/json");
      }
      return new Response(JSON.stringify(data), Object.assign({}, options, { headers }));
    }

    static error() {
      const response = new Response(null, { status: 500 });
      response.type = "error";
      return response;
    }

    get ok() {
      return this.status >= 200 && this.status <= 299;
    }

    clone() {
      const copy = new Response(isBinary(this.body) ? bodyBytes(this.body).slice() : this.body, {
        status: this.status,
        statusText: this.statusText,
        headers: new Headers(this.headers),
      });
      copy.type = this.type;
      copy.url = this.url;
      copy.redirected = this.redirected;
      return copy;
    }

    toString() {
      return bodyText(this.body);
    }

    get [Symbol.toStringTag]() {
      return "Response";
    }
  }

  define("Response", Response);

  /* ---------------------------------------------------------------- Cache (the worker's KV namespace) */

  let kvState = Object.create(null);

  const Cache = {
    get(key) {
      const name = String(key);
      return Object.prototype.hasOwnProperty.call(kvState, name) ? kvState[name] : undefined;
    },
    set(key, value) {
      kvState[String(key)] = String(value);
    },
    delete(key) {
      const name = String(key);
      const present = Object.prototype.hasOwnProperty.call(kvState, name);
      delete kvState[name];
      return present;
    },
  };
  Object.freeze(Cache);

  define("Cache", Cache);

  /* ---------------------------------------------------------------- fetch (outbound HTTP) */

  /*
   * Outbound requests go through the host as one synchronous call, as in wws: the host
   * sends the request with the client and allow-list of http.send-http-request, on the
   * worker's own thread, and answers {"status", "headers": [[name, value], ...], "body"
   * (base64)} or {"error": "[<Kind>] <message>"}, which rejects the promise with a
   * TypeError. The method is sent as itself, and the body as bytes (a string in UTF-8).
   */
  define("fetch", function fetch(resource, init) {
    try {
      const request = new Request(resource, init);
      const headers = new Headers(request.headers);
      const body = request.body;
      if (!headers.has("content-type")) {
        if (body instanceof URLSearchParams) {
          headers.set("content-type", "application/x-www-form-urlencoded;charset=UTF-8");
        } else if (body instanceof Blob && body.type) {
          headers.set("content-type", body.type);
        }
      }
      const answer = callHost("http", "fetch", {
        url: request.url,
        method: request.method,
        headers: Array.from(headers),
        body: bytesToBase64(bodyBytes(body)),
      });
      if (answer.error !== undefined) {
        return Promise.reject(new TypeError(String(answer.error)));
      }
      const response = new Response(base64ToBytes(answer.body || "").buffer, {
        status: answer.status,
        headers: answer.headers,
      });
      response.url = request.url;
      return Promise.resolve(response);
    } catch (error) {
      return Promise.reject(error);
    }
  });

  /* ---------------------------------------------------------------- fetch event and handler */

  const listeners = [];

  define("addEventListener", function addEventListener(type, listener) {
    if (String(type) === "fetch" && (typeof listener === "function" || (listener && typeof listener.handleEvent === "function"))) {
      listeners.push(listener);
    }
  });

  define("removeEventListener", function removeEventListener(type, listener) {
    const index = listeners.indexOf(listener);
    if (String(type) === "fetch" && index >= 0) {
      listeners.splice(index, 1);
    }
  });

  class FetchEvent {
    #response = undefined;
    #responded = false;
    #waiting = [];

    constructor(type, init = {}) {
      this.type = String(type);
      this.request = init.request;
    }

    respondWith(response) {
      if (this.#responded) {
        throw new DOMException("respondWith() was already called for this request", "InvalidStateError");
      }
      this.#responded = true;
      this.#response = response;
    }

    waitUntil(promise) {
      this.#waiting.push(Promise.resolve(promise));
    }

    passThroughOnException() {}

    static _response(event) {
      return { responded: event.#responded, response: event.#response, waiting: event.#waiting };
    }
  }

  const eventOutcome = FetchEvent._response;
  delete FetchEvent._response;

  define("FetchEvent", FetchEvent);

  /* ---------------------------------------------------------------- one request */

  class WorkerError extends Error {}

  const outputBody = (body) => {
    if (isBinary(body)) {
      return { data: bytesToBase64(toBytes(body)), base64: true };
    }
    if (body instanceof Blob) {
      return { data: bytesToBase64(body._bytes), base64: true };
    }
    return { data: bodyText(body), base64: false };
  };

  const writeResponse = (response) => {
    if (!(response instanceof Response)) {
      throw new WorkerError(`the handler must answer a Response, but answered ${describeValue(response)}`);
    }
    const body = outputBody(response.body);
    const output = {
      data: body.data,
      headers: response.headers.toJSON(),
      status: response.status,
      kv: kvState,
    };
    if (body.base64) {
      output.base64 = true;
    }
    writeFd(1, JSON.stringify(output));
  };

  const describeValue = (value) => {
    const withArticle = (noun) => (/^[aeiou]/i.test(noun) ? "an " : "a ") + noun;
    if (value === null) {
      return "null";
    }
    if (typeof value === "object") {
      return withArticle(value.constructor && value.constructor.name ? value.constructor.name : "object");
    }
    return typeof value === "undefined" ? "undefined" : withArticle(typeof value);
  };

  const fail = (error) => {
    if (error instanceof WorkerError) {
      callHost("wws", "fail", error.message);
      return;
    }
    writeFd(2, `Uncaught ${formatError(error)}\n`);
    const frame = error instanceof Error ? /\(([^()]+:\d+:\d+)\)/.exec(describeStack(error.stack)) : null;
    const where = frame && frame[1].startsWith(workerFile + ":") ? ` (${frame[1]})` : "";
    callHost("wws", "fail", `uncaught exception: ${describeError(error)}${where}`);
  };

  const dispatch = (request, module, vars) => {
    const exported = module && module.default;
    if (exported !== undefined && exported !== null) {
      if (typeof exported.fetch === "function") {
        return exported.fetch(request, vars, { waitUntil() {}, passThroughOnException() {} });
      }
      if (listeners.length === 0) {
        throw new WorkerError("the module's default export must be an object with a fetch(request) method");
      }
    }
    if (listeners.length === 0) {
      throw new WorkerError(
        "the worker registers no fetch handler: call addEventListener(\"fetch\", ...) or export default { fetch }");
    }
    const event = new FetchEvent("fetch", { request });
    for (const listener of listeners) {
      if (typeof listener === "function") {
        listener.call(globalThis, event);
      } else {
        listener.handleEvent(event);
      }
      const outcome = eventOutcome(event);
      if (outcome.responded) {
        return Promise.all(outcome.waiting).then(() => outcome.response, () => outcome.response);
      }
    }
    throw new WorkerError("the fetch handler did not call event.respondWith()");
  };

  /* Called once per request by the start-up code appended to the worker (see JavaScriptRuntime). */
  const serve = (file, shift, vars, modulePromise) => {
    workerFile = file;
    firstLineShift = shift;
    let input;
    try {
      input = JSON.parse(readStdin());
    } catch (error) {
      fail(new WorkerError("cannot read the request from stdin: " + describeError(error)));
      return;
    }
    kvState = Object.assign(Object.create(null), input.kv || {});
    const request = new Request(input);
    Promise.resolve(modulePromise)
      .then((module) => dispatch(request, module, vars))
      .then(writeResponse)
      .catch(fail);
  };

  /*
   * Takes a sample request through the request path once, without reading or writing
   * anything, before the engine image is taken: every run then starts from the state this
   * leaves in QuickJS (its shapes, its atoms, its allocator's free lists), which makes a
   * run do noticeably less work than the first request after start-up does.
   */
  const warmUp = () => {
    const request = new Request({ url: "http://localhost/", method: "GET", headers: { host: "localhost", accept: "*/*" }, body: "", params: {} });
    const event = new FetchEvent("fetch", { request });
    event.respondWith(new Response("warm-up", { headers: { "content-type": "text/plain" } }));
    const outcome = eventOutcome(event);
    Promise.all(outcome.waiting).then(() => {
      const response = outcome.response;
      const body = outputBody(response.body);
      encoder.encode(JSON.stringify({ data: body.data, headers: response.headers.toJSON(), status: response.status, kv: {} }));
    });
  };
  warmUp();

  Object.defineProperty(globalThis, "__wwsServe", { value: serve, writable: false, enumerable: false, configurable: false });

  /* ---------------------------------------------------------------- Blob (minimal, for binary bodies) */

  class Blob {
    #bytes;

    constructor(parts = [], options = {}) {
      const chunks = Array.from(parts, (part) => (part instanceof Blob ? part.#bytes : isBinary(part) ? toBytes(part) : encoder.encode(String(part))));
      const size = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
      this.#bytes = new Uint8Array(size);
      let offset = 0;
      for (const chunk of chunks) {
        this.#bytes.set(chunk, offset);
        offset += chunk.length;
      }
      this.type = options && options.type ? String(options.type).toLowerCase() : "";
    }

    get size() {
      return this.#bytes.length;
    }

    get _bytes() {
      return this.#bytes;
    }

    text() {
      return Promise.resolve(decoder.decode(this.#bytes));
    }

    arrayBuffer() {
      return Promise.resolve(copyToArrayBuffer(this.#bytes));
    }

    bytes() {
      return Promise.resolve(this.#bytes.slice());
    }

    slice(start = 0, end = this.#bytes.length, type = "") {
      return new Blob([this.#bytes.slice(start, end)], { type });
    }

    get [Symbol.toStringTag]() {
      return "Blob";
    }
  }

  define("Blob", Blob);

  /* ---------------------------------------------------------------- queueMicrotask, self */

  define("queueMicrotask", function queueMicrotask(callback) {
    if (typeof callback !== "function") {
      throw new TypeError("queueMicrotask needs a function");
    }
    Promise.resolve().then(() => callback());
  });

  define("self", globalThis);
})();
