package dev.wasmworkers.kv;

/**
 * A change refused because it would take a namespace past a limit.
 */
public class KvLimitExceededException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String namespace;

	private KvLimitExceededException(String namespace, String message) {
		super(message);
		this.namespace = namespace;
	}

	/**
	 * The refusal of a change that would give a namespace more entries than allowed.
	 * @param namespace the namespace name
	 * @param entries the number of entries the namespace would hold
	 * @param maxEntries the configured limit
	 * @return the exception to complete the apply with
	 */
	public static KvLimitExceededException tooManyEntries(String namespace, long entries, int maxEntries) {
		return new KvLimitExceededException(namespace,
				message(namespace, entries + " entries", maxEntries, "wasm.workers.kv.max-entries"));
	}

	/**
	 * The refusal of a change that would give a namespace more bytes than allowed.
	 * @param namespace the namespace name
	 * @param bytes the UTF-8 bytes of keys and values the namespace would hold
	 * @param maxBytes the configured limit
	 * @return the exception to complete the apply with
	 */
	public static KvLimitExceededException tooManyBytes(String namespace, long bytes, long maxBytes) {
		return new KvLimitExceededException(namespace,
				message(namespace, bytes + " bytes", maxBytes, "wasm.workers.kv.max-bytes"));
	}

	private static String message(String namespace, String size, long limit, String property) {
		return "KV namespace '" + namespace + "' would hold " + size + ", more than the limit of " + limit + " ("
				+ property + ")";
	}

	/**
	 * The namespace the change was refused for.
	 * @return the namespace name
	 */
	public String namespace() {
		return this.namespace;
	}

}
