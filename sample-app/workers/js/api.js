// /js/api: a small JSON API written as an ES module (export default { fetch }).
//   GET  /js/api?name=Ada        -> {"greeting":"Hello, Ada","method":"GET"}
//   POST /js/api {"numbers":[…]} -> {"count":…,"sum":…}
//   other methods                -> 405 with an allow header
export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (request.method === "GET") {
      const name = url.searchParams.get("name") || "world";
      return Response.json({ greeting: `Hello, ${name}`, method: request.method });
    }
    if (request.method === "POST") {
      let payload;
      try {
        payload = await request.json();
      } catch (error) {
        return Response.json({ error: `invalid JSON: ${error.message}` }, { status: 400 });
      }
      const numbers = Array.isArray(payload.numbers) ? payload.numbers.map(Number) : [];
      const sum = numbers.reduce((total, n) => total + n, 0);
      return Response.json({ count: numbers.length, sum }, { status: 201 });
    }
    return new Response("method not allowed", { status: 405, headers: { allow: "GET, POST" } });
  },
};
