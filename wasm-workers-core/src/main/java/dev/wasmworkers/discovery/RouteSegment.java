package dev.wasmworkers.discovery;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One path segment of a worker route.
 *
 * <p>
 * The kind follows wws: a segment starting with {@code [...} is a catch-all
 * ({@link Kind#TAIL}), any other segment containing {@code [} is a parameter
 * ({@link Kind#DYNAMIC}), anything else is literal ({@link Kind#STATIC}). Parameter names
 * are word characters ({@code \w+}, Unicode as in wws) that can also name a Spring path
 * variable, so they must not start with a digit. The accepted shapes are {@code name},
 * {@code [id]}, {@code [id]suffix} (such as {@code [id].json}) and {@code [...rest]}.
 * Text before a parameter ({@code post-[id]}) is refused because wws decides a route's
 * kind by looking for {@code /[}, so it treats {@code /post-[id]} as a static route that
 * no request reaches. The characters '{', '}', '*' and '?' are refused because they would
 * change the meaning of the Spring path template.
 *
 * @param kind whether the segment is literal, a parameter or a catch-all
 * @param text the segment as written in the route path, for example {@code [id]}
 */
public record RouteSegment(Kind kind, String text) {

	private static final String NAME = "[\\p{javaJavaIdentifierStart}&&\\w][\\p{javaJavaIdentifierPart}&&\\w]*";

	private static final Pattern STATIC_SHAPE = Pattern.compile("[^\\[/{}*?]+");

	private static final Pattern DYNAMIC_SHAPE = Pattern.compile("\\[" + NAME + "\\][^\\[\\]/{}*?]*",
			Pattern.UNICODE_CHARACTER_CLASS);

	private static final Pattern TAIL_SHAPE = Pattern.compile("\\[\\.\\.\\." + NAME + "\\]",
			Pattern.UNICODE_CHARACTER_CLASS);

	/** The kind of a route segment; the declaration order is the wws sort order. */
	public enum Kind {

		/** Literal text that must equal the request segment. */
		STATIC,
		/** A parameter that captures one non-empty request segment. */
		DYNAMIC,
		/** A catch-all parameter that captures the rest of the request path. */
		TAIL

	}

	/**
	 * Checks that {@code text} is a well-formed segment of the given kind.
	 * @throws IllegalArgumentException when the text is not a valid segment of that kind
	 */
	public RouteSegment {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(text, "text");
		if (kindOf(text) != kind) {
			throw new IllegalArgumentException("Route segment '" + text + "' is " + kindOf(text) + ", not " + kind);
		}
		if (!shapeOf(kind).matcher(text).matches()) {
			throw new IllegalArgumentException("Route segment '" + text + "' is not valid: expected name, "
					+ "[param], [param]suffix or [...param], where param is word characters not starting "
					+ "with a digit, and no '{', '}', '*' or '?'");
		}
	}

	/**
	 * Parses one segment of a route path, deciding its kind as wws does.
	 * @throws IllegalArgumentException when the text is not a valid segment
	 */
	public static RouteSegment of(String text) {
		return new RouteSegment(kindOf(text), text);
	}

	/**
	 * Returns the parameter name, {@code id} for {@code [id]} and {@code slug} for
	 * {@code [...slug]}.
	 * @throws IllegalStateException for a static segment, which has no parameter
	 */
	public String paramName() {
		return switch (kind) {
			case STATIC -> throw new IllegalStateException("Static segment '" + text + "' has no parameter");
			case DYNAMIC -> text.substring(1, text.indexOf(']'));
			case TAIL -> text.substring("[...".length(), text.length() - 1);
		};
	}

	/**
	 * Tells whether this segment accepts the request segment: equal text, or a non-empty
	 * parameter value.
	 */
	boolean accepts(String requestSegment) {
		return switch (kind) {
			case STATIC -> text.equals(requestSegment);
			case DYNAMIC -> requestSegment.length() > suffix().length() && requestSegment.endsWith(suffix());
			case TAIL -> true;
		};
	}

	/** Returns the parameter value carried by an accepted request segment. */
	String valueIn(String requestSegment) {
		return requestSegment.substring(0, requestSegment.length() - suffix().length());
	}

	/** Returns this segment in Spring WebFlux {@code PathPattern} syntax. */
	String template() {
		return switch (kind) {
			case STATIC -> text;
			case DYNAMIC -> "{" + paramName() + "}" + suffix();
			case TAIL -> "{*" + paramName() + "}";
		};
	}

	private String suffix() {
		return kind == Kind.DYNAMIC ? text.substring(text.indexOf(']') + 1) : "";
	}

	private static Kind kindOf(String text) {
		if (text.startsWith("[...")) {
			return Kind.TAIL;
		}
		return text.contains("[") ? Kind.DYNAMIC : Kind.STATIC;
	}

	private static Pattern shapeOf(Kind kind) {
		return switch (kind) {
			case STATIC -> STATIC_SHAPE;
			case DYNAMIC -> DYNAMIC_SHAPE;
			case TAIL -> TAIL_SHAPE;
		};
	}
}
