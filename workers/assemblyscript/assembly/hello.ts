// GET /as/hello - an HTML greeting from AssemblyScript.
import { getRaw, readStdin, respond } from "./wws";

const input = readStdin();
const body =
  "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>AssemblyScript worker</title></head>\n" +
  "<body>\n<h1>Hello from an AssemblyScript worker</h1>\n" +
  "<p>This page was written by a WebAssembly module compiled from AssemblyScript.</p>\n</body>\n</html>\n";
if (!respond(200, ["content-type", "text/html"], body, getRaw(input, "kv", "{}"))) {
  process.exit(1);
}
