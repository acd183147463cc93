// Spins forever: the run is stopped at the deadline like any worker.
addEventListener("fetch", () => {
  let n = 0;
  for (;;) {
    n++;
  }
});
