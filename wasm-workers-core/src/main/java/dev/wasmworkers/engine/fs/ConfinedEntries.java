package dev.wasmworkers.engine.fs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Path;
import java.util.Iterator;

/** The entries of a host directory, named as paths of the confined file system. */
final class ConfinedEntries implements DirectoryStream<Path> {

	private final ConfinedPath directory;

	private final DirectoryStream<Path> hostEntries;

	/** Wraps the open host stream of a confined directory. */
	ConfinedEntries(ConfinedPath directory, DirectoryStream<Path> hostEntries) {
		this.directory = directory;
		this.hostEntries = hostEntries;
	}

	/** The confined path of a host entry of a confined directory. */
	static Path entry(ConfinedPath directory, Path hostEntry) {
		return directory.resolve(hostEntry.getFileName().toString());
	}

	@Override
	public Iterator<Path> iterator() {
		Iterator<Path> hostIterator = this.hostEntries.iterator();
		return new Iterator<>() {

			@Override
			public boolean hasNext() {
				return hostIterator.hasNext();
			}

			@Override
			public Path next() {
				return entry(ConfinedEntries.this.directory, hostIterator.next());
			}

		};
	}

	@Override
	public void close() throws IOException {
		this.hostEntries.close();
	}

}
