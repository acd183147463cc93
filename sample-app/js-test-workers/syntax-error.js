// A syntax error on line 4: the worker is not served and its route answers the 500 page.
addEventListener("fetch", (event) => {
  const reply = new Response("never");
  event.respondWith(reply;
});
