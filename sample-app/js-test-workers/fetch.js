// fetch - sends ONE outbound request with fetch() and answers, as JSON, what came back.
// It takes the same instructions as the C test worker (workers/c/fetch.c), in the body
// of the request it gets:
//
//   {"method":"PUT","uri":"http://127.0.0.1:8080/x","headers":{"a":"b"},
//    "body":"text, or base64 when base64 is true","base64":false}
//
// and a few of its own: "bodyAs" gives the body to fetch as a "string" (the default for
// text), a "uint8array" (the default with base64), an "arraybuffer" or a "blob"; "via"
// passes the URL as a "string" (the default), a "url" (URL) or a "request" (a Request
// holding the method, headers and body, with no init); "headersAs" passes the headers as
// an "object" (the default) or a "headers" (Headers).
//
// It answers 200 application/json, like fetch.c:
//
//   {"status":200,"ok":true,"headers":[["content-type","text/plain"],...],"body":"<base64>","bodyLength":5,
//    "text":"<response.text()>","json":<response.json(), when the body is JSON>}
//
// or, when fetch rejects,
//
//   {"rejected":{"name":"TypeError","typeError":true,"message":"[Not allowed] The host ..."}}
//
// A missing or invalid document answers 400 text/plain starting with "usage: ".
addEventListener("fetch", (event) => event.respondWith(handle(event.request)));

const usage = (why) =>
  new Response(
    `usage: POST a JSON document {"method":"GET","uri":"https://...","headers":{"name":"value"},"body":"...","base64":false} (${why})`,
    { status: 400, headers: { "content-type": "text/plain" } },
  );

const decodeBase64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

const encodeBase64 = (buffer) => {
  const bytes = new Uint8Array(buffer);
  let binary = "";
  for (let i = 0; i < bytes.length; i++) {
    binary += String.fromCharCode(bytes[i]);
  }
  return btoa(binary);
};

async function handle(request) {
  let spec;
  try {
    spec = JSON.parse(request.text());
  } catch (e) {
    return usage("the request body is not a JSON object");
  }
  if (spec === null || typeof spec !== "object" || typeof spec.uri !== "string") {
    return usage('"uri" is missing or not a string');
  }
  const init = { method: spec.method || "GET" };
  if (spec.headers !== undefined) {
    init.headers = spec.headersAs === "headers" ? new Headers(spec.headers) : spec.headers;
  }
  if (spec.body !== undefined) {
    const bytes = spec.base64 ? decodeBase64(spec.body) : null;
    const as = spec.bodyAs || (spec.base64 ? "uint8array" : "string");
    if (as === "string") {
      init.body = spec.base64 ? new TextDecoder().decode(bytes) : spec.body;
    } else {
      const data = bytes || new TextEncoder().encode(spec.body);
      init.body = as === "arraybuffer" ? data.slice().buffer
        : as === "blob" ? new Blob([data], { type: spec.blobType || "" })
        : data;
    }
  }
  let response;
  try {
    if (spec.via === "request") {
      response = await fetch(new Request(spec.uri, init));
    } else if (spec.via === "url") {
      response = await fetch(new URL(spec.uri), init);
    } else {
      response = await fetch(spec.uri, init);
    }
  } catch (error) {
    return Response.json({
      rejected: { name: error.name, typeError: error instanceof TypeError, message: error.message },
    });
  }
  const buffer = await response.arrayBuffer();
  const answer = {
    status: response.status,
    ok: response.ok,
    headers: [...response.headers],
    body: encodeBase64(buffer),
    bodyLength: buffer.byteLength,
    text: await response.text(),
    headersIsHeaders: response.headers instanceof Headers,
  };
  try {
    answer.json = await response.json();
  } catch (e) {
    // not JSON
  }
  return Response.json(answer);
}
