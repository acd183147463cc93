// /js/users/[id]: a route parameter, read from request.params.
addEventListener("fetch", (event) => {
  const id = event.request.params.id;
  event.respondWith(new Response(`user ${id}`, { headers: { "content-type": "text/plain" } }));
});
