package dev.wasmworkers.worker;

import java.nio.file.Path;

/**
 * Thrown at start-up when the workers folder does not exist or is not a folder.
 */
public class WorkersFolderException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient Path path;

	/**
	 * Creates the exception for a folder that cannot be served.
	 * @param path the configured folder, made absolute
	 * @param problem what is wrong with it
	 */
	public WorkersFolderException(Path path, String problem) {
		super("Workers folder '" + path + "' " + problem);
		this.path = path;
	}

	/**
	 * The folder that cannot be served.
	 * @return the absolute path
	 */
	public Path path() {
		return this.path;
	}

}
