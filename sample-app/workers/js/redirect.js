// /js/redirect: Response.redirect, to ?to=<path> (default /js/hello), with ?status=301|302|303|307|308.
addEventListener("fetch", (event) => {
  const params = new URL(event.request.url).searchParams;
  const status = Number(params.get("status") || "302");
  event.respondWith(Response.redirect(params.get("to") || "/js/hello", status));
});
