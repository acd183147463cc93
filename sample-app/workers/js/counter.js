// /js/counter: a visit count in the KV namespace of counter.toml, read and written with Cache.
addEventListener("fetch", (event) => {
  const count = Number(Cache.get("count") || "0") + 1;
  Cache.set("count", String(count));
  event.respondWith(new Response(`count ${count}`, { headers: { "content-type": "text/plain" } }));
});
