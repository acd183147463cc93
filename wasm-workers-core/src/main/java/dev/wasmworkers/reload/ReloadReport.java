package dev.wasmworkers.reload;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What one reload of the project folder did.
 *
 * @param added the files of the workers that appeared, relative to the project folder
 * @param changed the files of the workers whose file or TOML file changed
 * @param removed the files of the workers that went away
 * @param failed the added or changed workers that failed to load, by file, with the
 * reason; a changed one still serves its previous version when it had one
 * @param notReloaded why nothing was reloaded, when nothing could be
 */
public record ReloadReport(List<String> added, List<String> changed, List<String> removed, Map<String, String> failed,
		@Nullable String notReloaded) {

	/** Copies the lists and the map. */
	public ReloadReport {
		added = List.copyOf(added);
		changed = List.copyOf(changed);
		removed = List.copyOf(removed);
		failed = Map.copyOf(failed);
	}

	/**
	 * A reload that could not be done.
	 * @param reason why
	 * @return the report
	 */
	static ReloadReport notReloaded(String reason) {
		return new ReloadReport(List.of(), List.of(), List.of(), Map.of(), reason);
	}

	/**
	 * Whether any worker was added, changed or removed.
	 * @return whether the workers changed
	 */
	public boolean changedAnything() {
		return !this.added.isEmpty() || !this.changed.isEmpty() || !this.removed.isEmpty();
	}

	/**
	 * The report in a few words, such as {@code 1 added, 2 changed, 0 removed, 1 failed}.
	 * @return the summary, or why nothing was reloaded
	 */
	public String summary() {
		if (this.notReloaded != null) {
			return "nothing reloaded: " + this.notReloaded;
		}
		return this.added.size() + " added, " + this.changed.size() + " changed, " + this.removed.size() + " removed, "
				+ this.failed.size() + " failed";
	}

}
