// The control: answers at once.
addEventListener("fetch", (event) => {
  event.respondWith(new Response("ok", { headers: { "content-type": "text/plain" } }));
});
