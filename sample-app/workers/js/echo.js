// /js/echo: answers, as JSON, what the worker received.
addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  const echo = {
    url: request.url,
    method: request.method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: Object.fromEntries(request.headers),
    body: request.text(),
    params: request.params,
  };
  event.respondWith(Response.json(echo));
});
