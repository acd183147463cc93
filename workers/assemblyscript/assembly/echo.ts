// /as/echo - answers "method <METHOD> body <body>" as text/plain.
import { getRaw, getString, readStdin, respond } from "./wws";

function main(): bool {
  const input = readStdin();
  const kv = getRaw(input, "kv", "{}");
  const method = getString(input, "method");
  if (method === null) {
    return respond(400, ["content-type", "text/plain"], "the request has no method", kv);
  }
  const body = getString(input, "body");
  const text = body !== null ? body : "";
  return respond(200, ["content-type", "text/plain"], "method " + method + " body " + text, kv);
}

if (!main()) process.exit(1);
