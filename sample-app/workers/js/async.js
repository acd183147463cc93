// /js/async: an async handler; respondWith takes the promise of a Response.
const pause = () => new Promise((resolve) => queueMicrotask(resolve));

async function reply(request) {
  await pause();
  const words = await Promise.all(["async", "JavaScript", "worker"].map(async (word) => word));
  return new Response(`Hello from an ${words.join(" ")} (${request.method})`, {
    headers: { "content-type": "text/plain" },
  });
}

addEventListener("fetch", (event) => {
  event.respondWith(reply(event.request));
});
