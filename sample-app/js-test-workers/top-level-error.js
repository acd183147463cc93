// An exception while the module itself is evaluated (before any handler runs).
const settings = JSON.parse("{ not json");

addEventListener("fetch", (event) => event.respondWith(new Response(settings)));
