package dev.wasmworkers.runtime;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.wasmworkers.engine.RunResult;
import dev.wasmworkers.engine.WasmProgram;
import dev.wasmworkers.protocol.WorkerInput;
import dev.wasmworkers.protocol.WorkerOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JavaScript worker API of worker-api.js, as a worker sees it: each test runs a
 * worker that answers what the API did, as JSON.
 */
class WorkerApiTests {

	@TempDir
	Path folder;

	@Test
	void theRequestHasTheWwsInputAsPropertiesAndATextMethod() throws Exception {
		WorkerInput input = new WorkerInput("http://localhost:8080/users/42?x=1", "POST",
				Map.of("content-type", "text/plain", "X-Custom", "yes"), "the body", Map.of(), Map.of("id", "42"));

		JsonNode request = JsWorkers.evaluate(this.folder, "", """
				{ url: event.request.url, method: event.request.method, body: event.request.body,
				  text: event.request.text(), textIsSync: typeof event.request.text() === "string",
				  params: event.request.params, contentType: event.request.headers.get("Content-Type"),
				  custom: event.request.headers.get("x-custom"), missing: event.request.headers.get("nope"),
				  isRequest: event.request instanceof Request }""", input);

		assertThat(request.get("url").stringValue()).isEqualTo("http://localhost:8080/users/42?x=1");
		assertThat(request.get("method").stringValue()).isEqualTo("POST");
		assertThat(request.get("body").stringValue()).isEqualTo("the body");
		assertThat(request.get("text").stringValue()).isEqualTo("the body");
		assertThat(request.get("textIsSync").booleanValue()).isTrue();
		assertThat(request.get("params").get("id").stringValue()).isEqualTo("42");
		assertThat(request.get("contentType").stringValue()).isEqualTo("text/plain");
		assertThat(request.get("custom").stringValue()).isEqualTo("yes");
		assertThat(request.get("missing").isNull()).isTrue();
		assertThat(request.get("isRequest").booleanValue()).isTrue();
	}

	@Test
	void theRequestBodyCanBeReadAsJsonAndAsBytes() throws Exception {
		WorkerInput input = new WorkerInput("http://localhost/api", "POST", Map.of(), "{\"a\":[1,2,3],\"é\":\"ü\"}",
				Map.of(), Map.of());

		JsonNode body = JsWorkers.evaluate(this.folder, "",
				"""
						{ json: await event.request.json(),
						  bytes: new Uint8Array(await event.request.arrayBuffer()).length,
						  badJson: await new Request("http://x/", { method: "POST", body: "{" }).json().then(() => "parsed", (e) => e.name) }""",
				input);

		assertThat(body.get("json").get("a")).hasSize(3);
		assertThat(body.get("json").get("é").stringValue()).isEqualTo("ü");
		assertThat(body.get("bytes").intValue())
			.isEqualTo("{\"a\":[1,2,3],\"é\":\"ü\"}".getBytes(StandardCharsets.UTF_8).length);
		assertThat(body.get("badJson").stringValue()).isEqualTo("SyntaxError");
	}

	@Test
	void aRequestCanBeBuiltLikeInTheFetchStandard() throws Exception {
		JsonNode request = JsWorkers.evaluate(this.folder,
				"""
						const built = new Request("https://example.com/a", { method: "put", headers: [["X-A", "1"]], body: "b" });
						const copy = built.clone();
						""",
				"""
						{ url: built.url, method: built.method, header: built.headers.get("x-a"), body: built.text(),
						  copy: copy.url + " " + copy.method, fromUrl: new Request(new URL("http://h/p?q")).url }""");

		assertThat(request.get("url").stringValue()).isEqualTo("https://example.com/a");
		assertThat(request.get("method").stringValue()).isEqualTo("PUT");
		assertThat(request.get("header").stringValue()).isEqualTo("1");
		assertThat(request.get("body").stringValue()).isEqualTo("b");
		assertThat(request.get("copy").stringValue()).isEqualTo("https://example.com/a PUT");
		assertThat(request.get("fromUrl").stringValue()).isEqualTo("http://h/p?q");
	}

	@Test
	void aResponseCarriesStatusHeadersAndBody() throws Exception {
		WasmProgram program = JsWorkers.load(this.folder, "response.js", """
				addEventListener("fetch", (event) => {
				  const headers = new Headers({ "Content-Type": "text/plain" });
				  headers.append("X-Multi", "a");
				  headers.append("x-multi", "b");
				  headers.set("x_underscore", "kept");
				  event.respondWith(new Response(new String("created"), { status: 201, headers }));
				});
				""");

		WorkerOutput output = JsWorkers.output(JsWorkers.run(program, JsWorkers.get("http://localhost/response")));

		assertThat(output.status()).isEqualTo(201);
		assertThat(output.data()).isEqualTo("created");
		assertThat(output.base64()).isFalse();
		assertThat(output.headers()).containsExactlyInAnyOrderEntriesOf(
				Map.of("content-type", "text/plain", "x-multi", "a, b", "x_underscore", "kept"));
	}

	@Test
	void responseMethodsReadTheBody() throws Exception {
		JsonNode response = JsWorkers.evaluate(this.folder, "", """
				{ text: new Response("plain").text(), json: await new Response('{"a":1}').json(),
				  jsonIsPromise: new Response("1").json() instanceof Promise,
				  bytes: new Uint8Array(await new Response("héllo").arrayBuffer()).length,
				  binaryText: new Response(new Uint8Array([104, 105])).text(),
				  ok: new Response("", { status: 204 }).ok, notOk: new Response("", { status: 404 }).ok,
				  statusText: new Response("", { status: 404 }).statusText, defaultStatus: new Response().status,
				  emptyText: new Response(null).text(), clone: new Response("c", { status: 202 }).clone().status }""");

		assertThat(response.get("text").stringValue()).isEqualTo("plain");
		assertThat(response.get("json").get("a").intValue()).isEqualTo(1);
		assertThat(response.get("jsonIsPromise").booleanValue()).isTrue();
		assertThat(response.get("bytes").intValue()).isEqualTo(6);
		assertThat(response.get("binaryText").stringValue()).isEqualTo("hi");
		assertThat(response.get("ok").booleanValue()).isTrue();
		assertThat(response.get("notOk").booleanValue()).isFalse();
		assertThat(response.get("statusText").stringValue()).isEqualTo("Not Found");
		assertThat(response.get("defaultStatus").intValue()).isEqualTo(200);
		assertThat(response.get("emptyText").stringValue()).isEmpty();
		assertThat(response.get("clone").intValue()).isEqualTo(202);
	}

	@Test
	void responseRedirectSetsTheLocationAndDefaultsTo307() throws Exception {
		JsonNode redirects = JsWorkers.evaluate(this.folder, "", """
				[Response.redirect("https://example.com/"), Response.redirect("/there", 301)].map((r) =>
				  ({ status: r.status, location: r.headers.get("Location"), body: r.text() }))""");

		assertThat(redirects.get(0).get("status").intValue()).isEqualTo(307);
		assertThat(redirects.get(0).get("location").stringValue()).isEqualTo("https://example.com/");
		assertThat(redirects.get(0).get("body").stringValue()).isEqualTo("Redirecting to https://example.com/");
		assertThat(redirects.get(1).get("status").intValue()).isEqualTo(301);
		assertThat(redirects.get(1).get("location").stringValue()).isEqualTo("/there");
	}

	@Test
	void responseJsonSerialisesWithAJsonContentType() throws Exception {
		WasmProgram program = JsWorkers.load(this.folder, "json.js", """
				export default { fetch: () => Response.json({ ok: true, list: [1, "two"] }, { status: 202 }) };
				""");

		WorkerOutput output = JsWorkers.output(JsWorkers.run(program, JsWorkers.get("http://localhost/json")));

		assertThat(output.status()).isEqualTo(202);
		assertThat(output.headers()).containsEntry("content-type", "application/json");
		assertThat(output.data()).isEqualTo("{\"ok\":true,\"list\":[1,\"two\"]}");
	}

	@Test
	void aBinaryBodyIsSentAsBase64() throws Exception {
		WasmProgram program = JsWorkers.load(this.folder, "binary.js",
				"""
						addEventListener("fetch", (event) => {
						  const kind = new URL(event.request.url).searchParams.get("kind");
						  const bytes = new Uint8Array(256).map((_, i) => i);
						  const bodies = { uint8: bytes, buffer: bytes.buffer, view: new DataView(bytes.buffer, 1, 3),
						    blob: new Blob([bytes.subarray(0, 2), "A"]) };
						  event.respondWith(new Response(bodies[kind], { headers: { "content-type": "application/octet-stream" } }));
						});
						""");
		byte[] all = new byte[256];
		for (int i = 0; i < all.length; i++) {
			all[i] = (byte) i;
		}

		assertThat(binary(program, "uint8")).isEqualTo(all);
		assertThat(binary(program, "buffer")).isEqualTo(all);
		assertThat(binary(program, "view")).containsExactly(1, 2, 3);
		assertThat(binary(program, "blob")).containsExactly(0, 1, 'A');
	}

	@Test
	void headersAreCaseInsensitiveAndIterateSortedLowerCase() throws Exception {
		JsonNode headers = JsWorkers.evaluate(this.folder, """
				const h = new Headers([["B-Header", "2"], ["a-header", "1"]]);
				h.append("A-Header", "again");
				const copy = new Headers(h);
				copy.delete("B-HEADER");
				""",
				"""
						{ entries: [...h], keys: [...h.keys()], values: [...h.values()], has: h.has("b-header"),
						  copyHas: copy.has("b-header"), json: h.toJSON(), fromObject: new Headers({ n: 1 }).get("N"),
						  invalid: (() => { try { h.set("bad name", "x"); return "accepted"; } catch (e) { return e.name; } })() }""");

		assertThat(headers.get("entries").toString()).isEqualTo("[[\"a-header\",\"1, again\"],[\"b-header\",\"2\"]]");
		assertThat(headers.get("keys").toString()).isEqualTo("[\"a-header\",\"b-header\"]");
		assertThat(headers.get("values").toString()).isEqualTo("[\"1, again\",\"2\"]");
		assertThat(headers.get("has").booleanValue()).isTrue();
		assertThat(headers.get("copyHas").booleanValue()).isFalse();
		assertThat(headers.get("json").get("a-header").stringValue()).isEqualTo("1, again");
		assertThat(headers.get("fromObject").stringValue()).isEqualTo("1");
		assertThat(headers.get("invalid").stringValue()).isEqualTo("TypeError");
	}

	@Test
	void headerValuesLoseOnlyLeadingAndTrailingHttpWhitespaceAndCommonNamesAreLowerCased() throws Exception {
		JsonNode headers = JsWorkers.evaluate(this.folder, """
				const h = new Headers({ "Content-Type": " text/plain ", "X-Tabs": "\\t a b\\r\\n", "x-plain": "c",
				  "x-nbsp": "\\u00a0d\\u00a0", "x-empty": "" });
				""", """
				{ json: h.toJSON(), invalid: (() => { try { new Headers({ "Content-Type ": "x" }); return "accepted"; }
				  catch (e) { return e.name; } })() }""");

		assertThat(headers.get("json").toString()).isEqualTo("{\"content-type\":\"text/plain\",\"x-tabs\":\"a b\","
				+ "\"x-plain\":\"c\",\"x-nbsp\":\"\u00a0d\u00a0\",\"x-empty\":\"\"}");
		assertThat(headers.get("invalid").stringValue()).isEqualTo("TypeError");
	}

	@Test
	void cacheReadsTheKvSnapshotAndTheOutputCarriesTheWholeNewMap() throws Exception {
		WasmProgram program = JsWorkers.load(this.folder, "cache.js", """
				addEventListener("fetch", (event) => {
				  const before = Cache.get("count");
				  Cache.set("count", Number(before) + 1);
				  Cache.set("new", "value");
				  const deleted = Cache.delete("gone");
				  const notThere = Cache.delete("never");
				  event.respondWith(new Response(JSON.stringify({ before, missing: Cache.get("missing") === undefined,
				    deleted, notThere })));
				});
				""");
		Map<String, String> kv = new LinkedHashMap<>();
		kv.put("count", "41");
		kv.put("kept", "yes");
		kv.put("gone", "bye");
		WorkerInput input = new WorkerInput("http://localhost/cache", "GET", Map.of(), "", kv, Map.of());

		WorkerOutput output = JsWorkers.output(JsWorkers.run(program, input));

		assertThat(output.data()).isEqualTo("{\"before\":\"41\",\"missing\":true,\"deleted\":true,\"notThere\":false}");
		assertThat(output.kv())
			.containsExactlyInAnyOrderEntriesOf(Map.of("count", "42", "kept", "yes", "new", "value"));
	}

	@Test
	void keysThatLookLikeObjectInternalsAreOrdinaryKeys() throws Exception {
		WasmProgram program = JsWorkers.load(this.folder, "proto.js", """
				addEventListener("fetch", (event) => {
				  Cache.set("constructor", "c");
				  event.respondWith(new Response(String(Cache.get("__proto__")), { headers: { __proto__: "h" } }));
				});
				""");
		WorkerInput input = new WorkerInput("http://localhost/proto", "GET", Map.of(), "", Map.of("__proto__", "p"),
				Map.of());

		WorkerOutput output = JsWorkers.output(JsWorkers.run(program, input));

		assertThat(output.data()).isEqualTo("p");
		assertThat(output.kv()).containsExactlyInAnyOrderEntriesOf(Map.of("__proto__", "p", "constructor", "c"));
	}

	@Test
	void urlSearchParamsParsesEncodesAndEdits() throws Exception {
		JsonNode params = JsWorkers.evaluate(this.folder, """
				const p = new URLSearchParams("?a=1&b=two+words&a=3&c=%C3%A9&empty=&flag");
				p.append("d", "x y&z");
				p.set("b", "changed");
				p.delete("empty");
				""",
				"""
						{ a: p.get("a"), all: p.getAll("a"), c: p.get("c"), flag: p.get("flag"), none: p.get("none"),
						  has: p.has("d"), string: p.toString(), size: p.size,
						  fromObject: new URLSearchParams({ q: "1 2", r: "é" }).toString(),
						  fromPairs: new URLSearchParams([["x", "1"], ["x", "2"]]).getAll("x"),
						  sorted: (() => { const s = new URLSearchParams("b=1&a=2&b=0"); s.sort(); return s.toString(); })() }""");

		assertThat(params.get("a").stringValue()).isEqualTo("1");
		assertThat(params.get("all").toString()).isEqualTo("[\"1\",\"3\"]");
		assertThat(params.get("c").stringValue()).isEqualTo("é");
		assertThat(params.get("flag").stringValue()).isEmpty();
		assertThat(params.get("none").isNull()).isTrue();
		assertThat(params.get("has").booleanValue()).isTrue();
		assertThat(params.get("string").stringValue()).isEqualTo("a=1&b=changed&a=3&c=%C3%A9&flag=&d=x+y%26z");
		assertThat(params.get("size").intValue()).isEqualTo(6);
		assertThat(params.get("fromObject").stringValue()).isEqualTo("q=1+2&r=%C3%A9");
		assertThat(params.get("fromPairs").toString()).isEqualTo("[\"1\",\"2\"]");
		assertThat(params.get("sorted").stringValue()).isEqualTo("a=2&b=1&b=0");
	}

	@Test
	void urlParsesAbsoluteAndRelativeUrls() throws Exception {
		JsonNode urls = JsWorkers.evaluate(this.folder, """
				const u = new URL("HTTPS://user:pw@Example.COM:443/a/./b/../c d?q=1&r=é#frag");
				const relative = new URL("../x?y=2", "http://h.test/a/b/c");
				const edited = new URL("http://h.test/path?a=1");
				edited.searchParams.append("b", "2 3");
				edited.pathname = "/other";
				edited.hash = "top";
				""",
				"""
						{ href: u.href, protocol: u.protocol, host: u.host, hostname: u.hostname, port: u.port,
						  pathname: u.pathname, search: u.search, hash: u.hash, origin: u.origin, username: u.username,
						  q: u.searchParams.get("q"), r: u.searchParams.get("r"), relative: relative.href,
						  edited: edited.toString(), withPort: new URL("http://h:8080/").host,
						  queryOnly: new URL("?z", "http://h/p/q").href, invalid: URL.canParse("not a url"),
						  json: JSON.stringify({ u: new URL("http://h/") }),
						  thrown: (() => { try { new URL("/relative"); return "parsed"; } catch (e) { return e.name; } })() }""");

		assertThat(urls.get("href").stringValue()).isEqualTo("https://user:pw@example.com/a/c%20d?q=1&r=%C3%A9#frag");
		assertThat(urls.get("protocol").stringValue()).isEqualTo("https:");
		assertThat(urls.get("host").stringValue()).isEqualTo("example.com");
		assertThat(urls.get("hostname").stringValue()).isEqualTo("example.com");
		assertThat(urls.get("port").stringValue()).isEmpty();
		assertThat(urls.get("pathname").stringValue()).isEqualTo("/a/c%20d");
		assertThat(urls.get("search").stringValue()).isEqualTo("?q=1&r=%C3%A9");
		assertThat(urls.get("hash").stringValue()).isEqualTo("#frag");
		assertThat(urls.get("origin").stringValue()).isEqualTo("https://example.com");
		assertThat(urls.get("username").stringValue()).isEqualTo("user");
		assertThat(urls.get("q").stringValue()).isEqualTo("1");
		assertThat(urls.get("r").stringValue()).isEqualTo("é");
		assertThat(urls.get("relative").stringValue()).isEqualTo("http://h.test/a/x?y=2");
		assertThat(urls.get("edited").stringValue()).isEqualTo("http://h.test/other?a=1&b=2+3#top");
		assertThat(urls.get("withPort").stringValue()).isEqualTo("h:8080");
		assertThat(urls.get("queryOnly").stringValue()).isEqualTo("http://h/p/q?z");
		assertThat(urls.get("invalid").booleanValue()).isFalse();
		assertThat(urls.get("json").stringValue()).isEqualTo("{\"u\":\"http://h/\"}");
		assertThat(urls.get("thrown").stringValue()).isEqualTo("TypeError");
	}

	@Test
	void textEncoderDecoderAndBase64HandleUtf8() throws Exception {
		JsonNode text = JsWorkers.evaluate(this.folder, "", """
				{ encoded: Array.from(new TextEncoder().encode("é€")),
				  decoded: new TextDecoder().decode(new Uint8Array([0xc3, 0xa9, 0xe2, 0x82, 0xac])),
				  decodedBuffer: new TextDecoder("utf-8").decode(new Uint8Array([104, 105]).buffer),
				  into: new TextEncoder().encodeInto("hé", new Uint8Array(8)),
				  btoa: btoa("hello"), atob: atob("aGVsbG8="),
				  badBase64: (() => { try { atob("@@@"); return "decoded"; } catch (e) { return e.name; } })() }""");

		assertThat(text.get("encoded").toString()).isEqualTo("[195,169,226,130,172]");
		assertThat(text.get("decoded").stringValue()).isEqualTo("é€");
		assertThat(text.get("decodedBuffer").stringValue()).isEqualTo("hi");
		assertThat(text.get("into").get("read").intValue()).isEqualTo(2);
		assertThat(text.get("into").get("written").intValue()).isEqualTo(3);
		assertThat(text.get("btoa").stringValue()).isEqualTo("aGVsbG8=");
		assertThat(text.get("atob").stringValue()).isEqualTo("hello");
		assertThat(text.get("badBase64").stringValue()).isEqualTo("InvalidCharacterError");
	}

	@Test
	void consoleWritesEveryLevelToStderrAndNothingToStdout() throws Exception {
		WasmProgram program = JsWorkers.load(this.folder, "console.js", """
				console.log("at load");
				addEventListener("fetch", (event) => {
				  console.log("log", 1, { a: [1, "x"] }, null, undefined);
				  console.info("%s has %d items", "cart", 3);
				  console.debug("debug");
				  console.warn("warn");
				  console.error(new RangeError("bad range"));
				  console.trace("trace");
				  event.respondWith(new Response("ok"));
				});
				""");

		RunResult result = JsWorkers.run(program, JsWorkers.get("http://localhost/console"));

		assertThat(JsWorkers.output(result).data()).isEqualTo("ok");
		assertThat(JsWorkers.stderr(result)).startsWith("""
				at load
				log 1 { a: [ 1, "x" ] } null undefined
				cart has 3 items
				debug
				warn
				RangeError: bad range
				    at <anonymous> (console.js:7:17)
				Trace: trace
				""");
	}

	@Test
	void fetchWithoutAnAllowListRejectsWithATypeErrorAsWwsDoes() throws Exception {
		JsonNode fetch = JsWorkers.evaluate(this.folder, "", """
				await fetch("https://example.com/").then(() => "resolved", (e) => e.name + ": " + e.message)""");

		assertThat(fetch.stringValue()).isEqualTo(
				"TypeError: [Not allowed] The host 'example.com' is not allowed for this worker. Please, update the worker configuration.");
	}

	@Test
	void fetchRejectsARequestItCannotBuild() throws Exception {
		JsonNode fetch = JsWorkers.evaluate(this.folder, "",
				"""
						[
						  await fetch("https://example.com/", { headers: { "bad name": "x" } }).then(() => "resolved", (e) => e.name + ": " + e.message),
						  await fetch("https://example.com/", { method: "TRACE" }).then(() => "resolved", (e) => e.name + ": " + e.message),
						]""");

		assertThat(fetch.get(0).stringValue()).isEqualTo("TypeError: Invalid header name: \"bad name\"");
		assertThat(fetch.get(1).stringValue()).isEqualTo(
				"TypeError: [Invalid Request] The method 'TRACE' cannot be sent: a worker may send GET, POST, PUT, PATCH, DELETE, OPTIONS and HEAD");
	}

	@Test
	void theHostBridgeIsHiddenFromTheWorker() throws Exception {
		JsonNode globals = JsWorkers.evaluate(this.folder, "", """
				[typeof java_invoke, typeof Javy, typeof plugin, typeof __wwsServe, typeof std, typeof os]""");

		assertThat(globals.toString())
			.isEqualTo("[\"undefined\",\"undefined\",\"undefined\",\"function\",\"undefined\",\"undefined\"]");
	}

	@Test
	void mathRandomIsSeededForEachRequest() throws Exception {
		WasmProgram program = JsWorkers.load(this.folder, "random.js", """
				addEventListener("fetch", (event) => event.respondWith(new Response(String(Math.random()))));
				""");

		String first = JsWorkers.output(JsWorkers.run(program, JsWorkers.get("http://localhost/random"))).data();
		String second = JsWorkers.output(JsWorkers.run(program, JsWorkers.get("http://localhost/random"))).data();

		assertThat(Double.parseDouble(first)).isBetween(0.0, 1.0);
		assertThat(first).isNotEqualTo(second);
	}

	@Test
	void promiseJobsAndMicrotasksRunBeforeTheResponseIsWritten() throws Exception {
		JsonNode order = JsWorkers.evaluate(this.folder, """
				const seen = [];
				queueMicrotask(() => seen.push("microtask"));
				Promise.resolve().then(() => seen.push("then"));
				""", "await Promise.resolve().then(() => [...seen, \"handler\"])");

		assertThat(order.toString()).isEqualTo("[\"microtask\",\"then\",\"handler\"]");
	}

	private static byte[] binary(WasmProgram program, String kind) {
		WorkerOutput output = JsWorkers
			.output(JsWorkers.run(program, JsWorkers.get("http://localhost/binary?kind=" + kind)));
		assertThat(output.base64()).isTrue();
		return Base64.getDecoder().decode(output.data());
	}

}
