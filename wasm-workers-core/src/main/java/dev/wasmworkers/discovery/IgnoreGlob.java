package dev.wasmworkers.discovery;

import java.util.regex.Pattern;

/**
 * One wws {@code --ignore} pattern: a glob in the syntax of the wax library that wws
 * uses, matched against a path relative to the project folder, components joined by
 * {@code /}.
 *
 * <p>
 * {@code *} matches any run of characters within one path component, and so does
 * {@code $}; {@code ?} matches one character; {@code **} (a whole component) matches any
 * number of components, none included, so {@code **}{@code /node_modules/**} matches
 * {@code node_modules/a.js} and {@code a/node_modules/b/c.js}; {@code [abc]},
 * {@code [a-z]} and {@code [!a-z]} match one character of a class; {@code {a,b}} matches
 * either alternative; {@code \} escapes the next character. Nothing but {@code **}
 * crosses a {@code /}. wax's repetitions ({@code <a:1,3>}) and flags ({@code (?i)}) are
 * not supported.
 */
final class IgnoreGlob {

	private static final String TREE = "**";

	private final String glob;

	private final Pattern pattern;

	private final boolean endsWithTree;

	private IgnoreGlob(String glob, Pattern pattern, boolean endsWithTree) {
		this.glob = glob;
		this.pattern = pattern;
		this.endsWithTree = endsWithTree;
	}

	/**
	 * Parses a pattern.
	 * @param glob the pattern, such as {@code **}{@code /node_modules/**}
	 * @return the pattern
	 * @throws IllegalArgumentException when it is not a valid pattern, with the reason
	 */
	static IgnoreGlob parse(String glob) {
		if (glob.isEmpty()) {
			throw new IllegalArgumentException("an ignore pattern cannot be empty");
		}
		if (glob.startsWith("/")) {
			throw new IllegalArgumentException("ignore pattern '" + glob
					+ "' starts with '/'; patterns match paths relative to the project folder");
		}
		boolean tree = glob.equals(TREE) || glob.endsWith("/" + TREE);
		return new IgnoreGlob(glob, Pattern.compile(new Translation(glob).regex()), tree);
	}

	/** Whether a file or folder at this relative path is ignored. */
	boolean matches(String relativePath) {
		return this.pattern.matcher(relativePath).matches();
	}

	/**
	 * Whether everything under the folder at this relative path is ignored, so that it
	 * need not be searched: the pattern ends with {@code /**} and matches the folder.
	 */
	boolean ignoresEverythingUnder(String folderPath) {
		return this.endsWithTree && matches(folderPath);
	}

	@Override
	public String toString() {
		return this.glob;
	}

	/** Turns a glob, or a part of one, into a regular expression. */
	private static final class Translation {

		private final String text;

		private int at;

		private int braces;

		private Translation(String text) {
			this.text = text;
		}

		String regex() {
			return "(?s)" + alternative();
		}

		/** Translates up to the end, or up to a ',' or '}' inside braces. */
		private String alternative() {
			StringBuilder out = new StringBuilder();
			while (!endsAlternative(this.at)) {
				if (this.text.startsWith("/" + TREE, this.at) && endsAlternative(this.at + 3)) {
					// "a/**" matches "a" and everything under it.
					out.append("(?:/.*)?");
					this.at += 3;
				}
				else if (this.text.startsWith(TREE, this.at)) {
					out.append(tree());
				}
				else {
					out.append(single(this.text.charAt(this.at++)));
				}
			}
			return out.toString();
		}

		private boolean endsAlternative(int index) {
			return index == this.text.length()
					|| (this.braces > 0 && (this.text.charAt(index) == ',' || this.text.charAt(index) == '}'));
		}

		/** A {@code **} at the start of a component: the whole pattern, or "**" + "/". */
		private String tree() {
			boolean componentStart = this.at == 0 || "/{,".indexOf(this.text.charAt(this.at - 1)) >= 0;
			int end = this.at + TREE.length();
			if (componentStart && end < this.text.length() && this.text.charAt(end) == '/') {
				this.at = end + 1;
				return "(?:.*/)?";
			}
			if (componentStart && endsAlternative(end)) {
				this.at = end;
				return ".*";
			}
			throw invalid("'**' must be a whole path component (as in **/x or x/**)");
		}

		private String single(char c) {
			return switch (c) {
				case '*', '$' -> "[^/]*";
				case '?' -> "[^/]";
				case '[' -> characterClass();
				case '{' -> alternatives();
				case '\\' -> literal(escaped());
				case '<' -> throw invalid("wax's repetitions <...> and flags (?...) are not supported");
				case '(' -> flags();
				case ']', '}' -> throw invalid("unbalanced '" + c + "' at position " + this.at);
				default -> literal(c);
			};
		}

		private String flags() {
			if (this.at < this.text.length() && this.text.charAt(this.at) == '?') {
				throw invalid("wax's repetitions <...> and flags (?...) are not supported");
			}
			return literal('(');
		}

		private String characterClass() {
			StringBuilder out = new StringBuilder("[");
			if (this.at < this.text.length() && "!^".indexOf(this.text.charAt(this.at)) >= 0) {
				out.append('^');
				this.at++;
			}
			int first = this.at;
			while (this.at < this.text.length() && (this.text.charAt(this.at) != ']' || this.at == first)) {
				char c = this.text.charAt(this.at++);
				boolean range = c == '-' && this.at - 1 > first && this.at < this.text.length()
						&& this.text.charAt(this.at) != ']';
				if (c == '\\') {
					c = escaped();
				}
				if (c == '/') {
					throw invalid("a character class cannot hold '/'");
				}
				out.append(range ? "-" : classMember(c));
			}
			if (this.at >= this.text.length()) {
				throw invalid("'[' without its ']'");
			}
			this.at++;
			return out.append("&&[^/]]").toString();
		}

		private String alternatives() {
			StringBuilder out = new StringBuilder("(?:");
			this.braces++;
			while (true) {
				out.append(alternative());
				if (this.at >= this.text.length()) {
					throw invalid("'{' without its '}'");
				}
				if (this.text.charAt(this.at++) == '}') {
					this.braces--;
					return out.append(')').toString();
				}
				out.append('|');
			}
		}

		private char escaped() {
			if (this.at >= this.text.length()) {
				throw invalid("'\\' at the end escapes nothing");
			}
			return this.text.charAt(this.at++);
		}

		private static String literal(char c) {
			return Character.isLetterOrDigit(c) ? String.valueOf(c) : Pattern.quote(String.valueOf(c));
		}

		private static String classMember(char c) {
			return Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c;
		}

		private IllegalArgumentException invalid(String reason) {
			return new IllegalArgumentException("ignore pattern '" + this.text + "' is invalid: " + reason);
		}

	}

}
