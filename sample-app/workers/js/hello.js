// /js/hello: the smallest JavaScript worker, service-worker style.
addEventListener("fetch", (event) => {
  event.respondWith(
    new Response("<!DOCTYPE html><h1>Hello from a JavaScript worker</h1>", {
      headers: { "content-type": "text/html; charset=utf-8" },
    }),
  );
});
