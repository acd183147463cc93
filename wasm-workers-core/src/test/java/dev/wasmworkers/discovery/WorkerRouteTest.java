package dev.wasmworkers.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WorkerRouteTest {

	@ParameterizedTest(name = "{0} is {1} with {2} segments")
	@CsvSource(delimiter = '|', textBlock = """
			/                   | STATIC  | 1
			/fixed              | STATIC  | 1
			/a/b                | STATIC  | 2
			/unknown            | STATIC  | 1
			/[id]               | DYNAMIC | 1
			/[id]/fixed         | DYNAMIC | 2
			/sub/[id].json      | DYNAMIC | 2
			/sub/[...all]       | TAIL    | 2
			/[id]/[...rest]     | TAIL    | 2
			""")
	void whenRouteIsParsedThenKindAndSegmentCountFollowWws(String path, RouteKind kind, int segmentCount) {
		WorkerRoute route = WorkerRoute.parse(path);

		assertThat(route.path()).isEqualTo(path);
		assertThat(route.kind()).isEqualTo(kind);
		assertThat(route.segmentCount()).isEqualTo(segmentCount);
	}

	@Test
	void whenRouteIsParsedThenSegmentsCarryKindsAndParameterNames() {
		WorkerRoute route = WorkerRoute.parse("/sub/[id]/[...rest]");

		assertThat(route.segments()).containsExactly(new RouteSegment(RouteSegment.Kind.STATIC, "sub"),
				new RouteSegment(RouteSegment.Kind.DYNAMIC, "[id]"),
				new RouteSegment(RouteSegment.Kind.TAIL, "[...rest]"));
		assertThat(route.segments().get(1).paramName()).isEqualTo("id");
		assertThat(route.segments().get(2).paramName()).isEqualTo("rest");
		assertThatIllegalStateException().isThrownBy(() -> route.segments().get(0).paramName());
	}

	@Test
	void whenRouteIsRootThenItHasNoSegments() {
		assertThat(WorkerRoute.parse("/").segments()).isEmpty();
	}

	@Test
	void whenSegmentKindDisagreesWithTextThenSegmentIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RouteSegment(RouteSegment.Kind.STATIC, "[id]"))
			.withMessageContaining("DYNAMIC");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/[ñame]", "/[_x]", "/[a1]", "/[...x_2]" })
	void whenParameterNameIsAWordThenRouteIsAccepted(String path) {
		assertThat(WorkerRoute.parse(path).segments().get(0).paramName()).isEqualTo(path.replaceAll("[/\\[\\].]", ""));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "a", "/a/", "//a", "/a//b", "/post-[id]", "/[id", "/[a-b]", "/[1]", "/[]", "/[...]",
			"/[...all]x", "/x[...all]", "/[...all]/x", "/[a][b]", "/[id]/[id]", "/[id]/[...id]", "/{x}", "/a*", "/a?" })
	void whenRoutePathIsInvalidThenItIsRefused(String path) {
		assertThatIllegalArgumentException().isThrownBy(() -> WorkerRoute.parse(path))
			.withMessageContaining("'" + path + "'");
	}

	@Test
	void whenRouteIsStaticThenOnlyTheEqualPathMatches() {
		WorkerRoute route = WorkerRoute.parse("/a/b");

		assertThat(route.match("/a/b")).contains(Map.of());
		assertThat(route.match("/a")).isEmpty();
		assertThat(route.match("/a/b/c")).isEmpty();
		assertThat(route.match("/a/c")).isEmpty();
	}

	@Test
	void whenRouteIsRootThenOnlyRootMatches() {
		WorkerRoute route = WorkerRoute.parse("/");

		assertThat(route.match("/")).contains(Map.of());
		assertThat(route.match("/a")).isEmpty();
	}

	@Test
	void whenRouteIsDynamicThenSegmentCountAndStaticSegmentsMustAgree() {
		WorkerRoute route = WorkerRoute.parse("/sub/[id]");

		assertThat(route.match("/sub/42")).contains(Map.of("id", "42"));
		assertThat(route.match("/sub")).isEmpty();
		assertThat(route.match("/sub/42/x")).isEmpty();
		assertThat(route.match("/other/42")).isEmpty();
	}

	@Test
	void whenDynamicSegmentWouldBeEmptyThenRouteDoesNotMatch() {
		assertThat(WorkerRoute.parse("/[id]").match("/")).isEmpty();
		assertThat(WorkerRoute.parse("/a/[id]/b").match("/a//b")).isEmpty();
	}

	@Test
	void whenDynamicSegmentHasSuffixThenSuffixMustMatchAndIsNotCaptured() {
		WorkerRoute route = WorkerRoute.parse("/[id].json");

		assertThat(route.match("/42.json")).contains(Map.of("id", "42"));
		assertThat(route.match("/a.b.json")).contains(Map.of("id", "a.b"));
		assertThat(route.match("/.json")).isEmpty();
		assertThat(route.match("/42")).isEmpty();
	}

	@Test
	void whenRouteIsTailThenItTakesTheRestOfThePath() {
		WorkerRoute route = WorkerRoute.parse("/sub/[...all]");

		assertThat(route.match("/sub/a/b/c")).contains(Map.of("all", "a/b/c"));
		assertThat(route.match("/sub/x")).contains(Map.of("all", "x"));
		assertThat(route.match("/sub")).isEmpty();
		assertThat(route.match("/other/a/b")).isEmpty();
	}

	@Test
	void whenRootTailMatchesRootThenTheRestIsEmpty() {
		assertThat(WorkerRoute.parse("/[...all]").match("/")).contains(Map.of("all", ""));
	}

	@Test
	void whenTailRouteHasParametersBeforeTheTailThenAllAreCapturedInPathOrder() {
		Map<String, String> params = WorkerRoute.parse("/[id]/[...rest]").match("/7/a/b").orElseThrow();

		assertThat(params).containsExactly(Map.entry("id", "7"), Map.entry("rest", "a/b"));
	}

	@Test
	void whenRequestPathDoesNotStartWithSlashThenNothingMatches() {
		assertThat(WorkerRoute.parse("/[id]").match("a")).isEmpty();
		assertThat(WorkerRoute.parse("/[...all]").match("a/b")).isEmpty();
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			/                   | /
			/a/b                | /a/b
			/app                | /app
			/[id]               | /{id}
			/sub/[id]           | /sub/{id}
			/[id].json          | /{id}.json
			/sub/[...all]       | /sub/{*all}
			/[...all]           | /{*all}
			/app/[id]/[...rest] | /app/{id}/{*rest}
			""")
	void whenTemplateIsRequestedThenItUsesSpringPathPatternSyntax(String path, String template) {
		assertThat(WorkerRoute.parse(path).pathTemplate()).isEqualTo(template);
	}

	@Test
	void whenRoutesHaveTheSamePathThenTheyAreEqual() {
		assertThat(WorkerRoute.parse("/sub/[id]")).isEqualTo(WorkerRoute.parse("/sub/[id]"))
			.hasSameHashCodeAs(WorkerRoute.parse("/sub/[id]"))
			.isNotEqualTo(WorkerRoute.parse("/sub/[slug]"))
			.hasToString("/sub/[id]");
	}

	@Test
	void whenSegmentsAreComparedThenTextIsOrderedByCodePointLikeWws() {
		WorkerRoute fullwidth = WorkerRoute.parse("/[id]/\uFF21");
		WorkerRoute emoji = WorkerRoute.parse("/[id]/\uD83D\uDE00");

		assertThat(List.of(emoji, fullwidth).stream().sorted()).containsExactly(fullwidth, emoji);
	}

}
