package dev.wasmworkers.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import dev.wasmworkers.discovery.WorkerSource;
import dev.wasmworkers.engine.WorkerLoadException;

/**
 * Reads the code of a worker written in a scripting language (JavaScript, Python): a
 * UTF-8 text file.
 */
public final class WorkerSourceText {

	private WorkerSourceText() {
	}

	/**
	 * Reads a worker's file as UTF-8 text.
	 * @param source the worker file
	 * @return its text
	 * @throws WorkerLoadException when the file is not valid UTF-8
	 * @throws IOException when the file cannot be read
	 */
	public static String read(WorkerSource source) throws WorkerLoadException, IOException {
		byte[] bytes = Files.readAllBytes(source.file());
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new WorkerLoadException(source.relativePath(), "the file is not valid UTF-8 text");
		}
	}

}
