// /js/binary: a binary body (a 1x1 PNG built as a Uint8Array), sent base64-encoded to the host.
const PNG = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="),
  (c) => c.charCodeAt(0),
);

addEventListener("fetch", (event) => {
  event.respondWith(new Response(PNG, { headers: { "content-type": "image/png" } }));
});
