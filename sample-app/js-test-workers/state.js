// Module and global state start afresh for every request: always answers "1 1".
let moduleCount = 0;

addEventListener("fetch", (event) => {
  moduleCount += 1;
  globalThis.globalCount = (globalThis.globalCount || 0) + 1;
  event.respondWith(new Response(`${moduleCount} ${globalThis.globalCount}`));
});
