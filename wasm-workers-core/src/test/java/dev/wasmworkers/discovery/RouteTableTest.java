package dev.wasmworkers.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteTableTest {

	/**
	 * The routes of the wws fixture {@code tests/data/params}, in the order its files are
	 * listed (spec §2.4).
	 */
	private static final List<String> PARAMS_FIXTURE = List.of("/[id]", "/fixed", "/[id]/fixed", "/[id]/sub",
			"/sub/[id]", "/sub/[...all]", "/sub/sub/[...all]");

	private static RouteTable<String> tableOf(List<String> paths) {
		return new RouteTable<>(paths, WorkerRoute::parse);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			/any                          | /[id]
			/fixed                        | /fixed
			/any/fixed                    | /[id]/fixed
			/any/sub                      | /[id]/sub
			/sub/any                      | /sub/[id]
			/sub/any/catch/all/routes     | /sub/[...all]
			/sub/sub/any/catch/all/routes | /sub/sub/[...all]
			/donot/exist                  |
			""")
	void whenRequestIsRoutedThenTheWwsBestRouteIsChosen(String request, String expected) {
		assertThat(tableOf(PARAMS_FIXTURE).find(request).map(RouteMatch::item))
			.isEqualTo(Optional.ofNullable(expected));
	}

	@Test
	void whenTableIsBuiltThenRoutesAreInWwsPriorityOrder() {
		List<String> expected = List.of("/fixed", "/[id]", "/sub/[id]", "/[id]/fixed", "/[id]/sub", "/sub/sub/[...all]",
				"/sub/[...all]");
		List<String> reversed = new ArrayList<>(PARAMS_FIXTURE);
		Collections.reverse(reversed);

		assertThat(tableOf(PARAMS_FIXTURE).ordered()).containsExactlyElementsOf(expected);
		assertThat(tableOf(reversed).ordered()).containsExactlyElementsOf(expected);
	}

	@Test
	void whenRoutesRankTheSameThenTheyKeepTheirGivenOrder() {
		Function<String, WorkerRoute> routeOfFile = file -> WorkerRoute
			.parse("/" + file.substring(0, file.indexOf('.')));
		List<String> files = List.of("b.wasm", "a.wasm", "a.js", "c.wasm");
		List<String> reversed = List.of("c.wasm", "a.js", "a.wasm", "b.wasm");

		assertThat(new RouteTable<>(files, routeOfFile).ordered()).containsExactlyElementsOf(files);
		assertThat(new RouteTable<>(reversed, routeOfFile).ordered()).containsExactlyElementsOf(reversed);
		assertThat(new RouteTable<>(files, routeOfFile).find("/a").map(RouteMatch::item)).contains("a.wasm");
		assertThat(new RouteTable<>(reversed, routeOfFile).find("/a").map(RouteMatch::item)).contains("a.js");
	}

	@Test
	void whenStaticRoutesHaveMoreSegmentsThenTheyStillComeBeforeDynamicOnes() {
		assertThat(tableOf(List.of("/[...all]", "/[id]", "/a/b/c", "/a")).ordered()).containsExactly("/a", "/a/b/c",
				"/[id]", "/[...all]");
	}

	@Test
	void whenDynamicRoutesDifferThenFewerSegmentsThenStaticSegmentsComeFirst() {
		RouteTable<String> table = tableOf(List.of("/[id]/[x]", "/[id]/fixed", "/[slug]", "/[id]"));

		assertThat(table.ordered()).containsExactly("/[id]", "/[slug]", "/[id]/fixed", "/[id]/[x]");
		assertThat(table.find("/a/fixed").map(RouteMatch::item)).contains("/[id]/fixed");
		assertThat(table.find("/a/b").map(RouteMatch::item)).contains("/[id]/[x]");
		assertThat(table.find("/a").map(RouteMatch::params)).contains(Map.of("id", "a"));
	}

	@Test
	void whenTailRoutesDifferThenDeeperOnesComeFirstAndEqualDepthsCompareBySegment() {
		RouteTable<String> table = tableOf(List.of("/[...all]", "/[id]/[...rest]", "/a/[...rest]", "/a/b/[...rest]"));

		assertThat(table.ordered()).containsExactly("/a/b/[...rest]", "/a/[...rest]", "/[id]/[...rest]", "/[...all]");
		assertThat(table.find("/a/b/c").map(RouteMatch::item)).contains("/a/b/[...rest]");
		assertThat(table.find("/a/x/c").map(RouteMatch::item)).contains("/a/[...rest]");
		assertThat(table.find("/x/y").map(RouteMatch::item)).contains("/[id]/[...rest]");
		assertThat(table.find("/x").map(RouteMatch::item)).contains("/[...all]");
		assertThat(table.find("/").map(RouteMatch::params)).contains(Map.of("all", ""));
	}

	@Test
	void whenRouteMatchesThenParametersAreReturnedWithTheItemAndRoute() {
		RouteTable<String> table = tableOf(PARAMS_FIXTURE);

		RouteMatch<String> tail = table.find("/sub/a/b/c").orElseThrow();
		RouteMatch<String> dynamic = table.find("/sub/42").orElseThrow();
		RouteMatch<String> fixed = table.find("/fixed").orElseThrow();

		assertThat(tail.item()).isEqualTo("/sub/[...all]");
		assertThat(tail.route()).isEqualTo(WorkerRoute.parse("/sub/[...all]"));
		assertThat(tail.params()).isEqualTo(Map.of("all", "a/b/c"));
		assertThat(dynamic.params()).isEqualTo(Map.of("id", "42"));
		assertThat(fixed.params()).isEmpty();
	}

	@Test
	void whenRoutesCarryAPrefixThenOnlyPrefixedRequestsMatch() {
		RouteTable<String> table = tableOf(List.of("/app/sub/[...all]", "/app/[id]", "/app"));

		assertThat(table.find("/app").map(RouteMatch::item)).contains("/app");
		assertThat(table.find("/app/42").map(RouteMatch::params)).contains(Map.of("id", "42"));
		assertThat(table.find("/app/sub/a/b").map(RouteMatch::params)).contains(Map.of("all", "a/b"));
		assertThat(table.find("/42")).isEmpty();
		assertThat(table.find("/")).isEmpty();
	}

	@Test
	void whenTableIsEmptyThenNothingMatches() {
		assertThat(tableOf(List.of()).find("/")).isEmpty();
		assertThat(tableOf(List.of()).ordered()).isEmpty();
	}

}
