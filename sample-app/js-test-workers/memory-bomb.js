// Allocates 1 MiB blocks until the memory cap stops it.
const blocks = [];

addEventListener("fetch", () => {
  for (;;) {
    blocks.push(new Uint8Array(1024 * 1024).fill(7));
  }
});
