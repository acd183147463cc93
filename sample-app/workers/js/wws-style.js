// /js/wws-style: a worker written the way the wws documentation writes them: a reply
// function, the fetch event, a [vars] constant (MESSAGE, from wws-style.toml), a header
// read with headers.get and one added with headers.set.
const reply = (request) => {
  // Body response
  const body = `<!DOCTYPE html>
    <body>
    <h1>${MESSAGE}</h1>
    <p>Replying to ${request.url}</p>
    <p>Method: ${request.method}</p>
    <p>User Agent: ${request.headers.get("user-agent")}</p>
    <p>Payload: ${request.body || "-"}</p>
    </body>`;

  // Build a new response
  let response = new Response(body);

  // Add a new header
  response.headers.set("x-generated-by", "wasm-workers-server");

  return response;
};

// Subscribe to the Fetch event
addEventListener("fetch", (event) => {
  return event.respondWith(reply(event.request));
});
