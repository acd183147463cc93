// Registers no fetch handler: every request fails, saying so in the log.
const unused = 42;
