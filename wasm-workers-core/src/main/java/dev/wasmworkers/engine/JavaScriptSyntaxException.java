package dev.wasmworkers.engine;

/**
 * JavaScript source that QuickJS cannot compile, with the position QuickJS reports.
 *
 * <p>
 * The position is in the compiled source, counted from 1, with the first line's column
 * already shifted back by the length of any code the caller put in front of it; it is 0
 * when QuickJS did not report one.
 */
public class JavaScriptSyntaxException extends Exception {

	private static final long serialVersionUID = 1L;

	private final int line;

	private final int column;

	private final String description;

	/**
	 * Creates the exception.
	 * @param line the line of the error, from 1, or 0 when unknown
	 * @param column the column of the error, from 1, or 0 when unknown
	 * @param description QuickJS's description, such as
	 * {@code unexpected token in expression: ';'}
	 */
	public JavaScriptSyntaxException(int line, int column, String description) {
		super(description + ((line > 0) ? " (line " + line + ", column " + column + ")" : ""));
		this.line = line;
		this.column = column;
		this.description = description;
	}

	/**
	 * The line of the error.
	 * @return the line, from 1, or 0 when unknown
	 */
	public int line() {
		return this.line;
	}

	/**
	 * The column of the error.
	 * @return the column, from 1, or 0 when unknown
	 */
	public int column() {
		return this.column;
	}

	/**
	 * What is wrong, as QuickJS describes it.
	 * @return the description
	 */
	public String description() {
		return this.description;
	}

}
