package dev.wasmworkers.actuate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.wasmworkers.kv.KvChange;
import dev.wasmworkers.kv.KvStore;
import dev.wasmworkers.worker.Worker;
import dev.wasmworkers.worker.WorkerCatalog;
import dev.wasmworkers.worker.WorkerCatalogHolder;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.Sanitizer;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@link Endpoint @Endpoint} for the workers' KV namespaces: their sizes and keys, and
 * the removal of a key or of a whole namespace.
 * <p>
 * Values are sanitized unless {@link Show} allows them, as in Boot's {@code env}
 * endpoint. The removals are write operations, so with the default
 * {@link Access#READ_ONLY} access they are not available until
 * {@code management.endpoint.wasmkv.access=unrestricted}.
 *
 * @author Wasm Workers for Spring Boot
 * @since 0.1.0
 */
@Endpoint(id = "wasmkv", defaultAccess = Access.READ_ONLY)
public class WasmKvEndpoint {

	private final KvStore store;

	private final WorkerCatalogHolder catalogs;

	private final Sanitizer sanitizer;

	private final Show showValues;

	/**
	 * Creates the endpoint.
	 * @param store the KV store
	 * @param catalogs holds the catalog being served, whose configured namespaces are
	 * listed even before anything is written to them
	 * @param sanitizingFunctions the functions that sanitize values once values are shown
	 * @param showValues when to show values
	 */
	public WasmKvEndpoint(KvStore store, WorkerCatalogHolder catalogs, Iterable<SanitizingFunction> sanitizingFunctions,
			Show showValues) {
		this.store = store;
		this.catalogs = catalogs;
		this.sanitizer = new Sanitizer(sanitizingFunctions);
		this.showValues = showValues;
	}

	/**
	 * Describes every namespace: those the store holds and those a worker is configured
	 * with.
	 * @return the namespaces by name, in name order
	 */
	@ReadOperation
	public NamespacesDescriptor namespaces() {
		Map<String, List<String>> workers = workersByNamespace();
		Set<String> names = new TreeSet<>(this.store.namespaces().join());
		names.addAll(workers.keySet());
		Map<String, NamespaceSummaryDescriptor> namespaces = new LinkedHashMap<>();
		for (String name : names) {
			Map<String, String> entries = this.store.snapshot(name).join();
			namespaces.put(name, new NamespaceSummaryDescriptor(entries.size(), bytes(entries),
					workers.getOrDefault(name, List.of())));
		}
		return new NamespacesDescriptor(namespaces);
	}

	/**
	 * Describes one namespace and its keys.
	 * @param namespace the namespace name
	 * @return the namespace, or {@code null} (404) when the store does not hold it and no
	 * worker is configured with it
	 */
	@ReadOperation
	public @Nullable NamespaceDescriptor namespace(@Selector String namespace) {
		return getNamespace(namespace, this.showValues.isShown(true));
	}

	@Nullable NamespaceDescriptor getNamespace(String namespace, boolean showUnsanitized) {
		List<String> workers = workersByNamespace().getOrDefault(namespace, List.of());
		if (workers.isEmpty() && !this.store.namespaces().join().contains(namespace)) {
			return null;
		}
		Map<String, String> entries = this.store.snapshot(namespace).join();
		Map<String, KeyDescriptor> keys = new TreeMap<>();
		entries.forEach((key, value) -> keys.put(key,
				new KeyDescriptor(bytes(key, value), sanitize(key, value, showUnsanitized))));
		return new NamespaceDescriptor(namespace, entries.size(), bytes(entries), workers, keys);
	}

	/**
	 * Describes one entry.
	 * @param namespace the namespace name
	 * @param key the key
	 * @return the entry, or {@code null} (404) when the namespace has no such key
	 */
	@ReadOperation
	public @Nullable EntryDescriptor entry(@Selector String namespace, @Selector String key) {
		return getEntry(namespace, key, this.showValues.isShown(true));
	}

	@Nullable EntryDescriptor getEntry(String namespace, String key, boolean showUnsanitized) {
		String value = this.store.snapshot(namespace).join().get(key);
		if (value == null) {
			return null;
		}
		return new EntryDescriptor(namespace, key, bytes(key, value), sanitize(key, value, showUnsanitized));
	}

	/**
	 * Removes one key from a namespace.
	 * @param namespace the namespace name
	 * @param key the key to remove
	 * @return how many keys were removed: 1, or 0 when there was no such key
	 */
	@DeleteOperation
	public RemovalDescriptor deleteEntry(@Selector String namespace, @Selector String key) {
		if (!this.store.snapshot(namespace).join().containsKey(key)) {
			return new RemovalDescriptor(namespace, 0);
		}
		this.store.apply(namespace, new KvChange(Map.of(), Set.of(key))).join();
		return new RemovalDescriptor(namespace, 1);
	}

	/**
	 * Removes every key of a namespace, in one atomic change; keys written after the
	 * namespace was read are kept.
	 * @param namespace the namespace name
	 * @return how many keys were removed
	 */
	@DeleteOperation
	public RemovalDescriptor clearNamespace(@Selector String namespace) {
		Set<String> keys = this.store.snapshot(namespace).join().keySet();
		if (!keys.isEmpty()) {
			this.store.apply(namespace, new KvChange(Map.of(), keys)).join();
		}
		return new RemovalDescriptor(namespace, keys.size());
	}

	private Map<String, List<String>> workersByNamespace() {
		Map<String, List<String>> workers = new TreeMap<>();
		for (Worker worker : this.catalogs.current().workers()) {
			worker.config()
				.kvNamespace()
				.ifPresent((namespace) -> workers.computeIfAbsent(namespace, (name) -> new ArrayList<>())
					.add(worker.name()));
		}
		return workers;
	}

	private @Nullable Object sanitize(String key, String value, boolean showUnsanitized) {
		return this.sanitizer.sanitize(new SanitizableData(null, key, value), showUnsanitized);
	}

	private static long bytes(Map<String, String> entries) {
		long bytes = 0;
		for (Map.Entry<String, String> entry : entries.entrySet()) {
			bytes += bytes(entry.getKey(), entry.getValue());
		}
		return bytes;
	}

	private static long bytes(String key, String value) {
		return key.getBytes(StandardCharsets.UTF_8).length + value.getBytes(StandardCharsets.UTF_8).length;
	}

	/**
	 * Every namespace.
	 *
	 * @param namespaces the namespaces by name
	 */
	public record NamespacesDescriptor(
			Map<String, NamespaceSummaryDescriptor> namespaces) implements OperationResponseBody {

	}

	/**
	 * The size of a namespace and the workers using it.
	 *
	 * @param entries the number of keys
	 * @param bytes the UTF-8 size of every key and value, the measure of
	 * {@code wasm.workers.kv.max-bytes}
	 * @param workers the files of the workers configured with the namespace
	 */
	public record NamespaceSummaryDescriptor(int entries, long bytes, List<String> workers) {

	}

	/**
	 * One namespace with its keys.
	 *
	 * @param namespace the namespace name
	 * @param entries the number of keys
	 * @param bytes the UTF-8 size of every key and value
	 * @param workers the files of the workers configured with the namespace
	 * @param keys the keys, in order
	 */
	public record NamespaceDescriptor(String namespace, int entries, long bytes, List<String> workers,
			Map<String, KeyDescriptor> keys) implements OperationResponseBody {

	}

	/**
	 * One key of a namespace.
	 *
	 * @param bytes the UTF-8 size of the key and its value
	 * @param value the value, or {@code ******} unless values are shown
	 */
	public record KeyDescriptor(long bytes, @Nullable Object value) {

	}

	/**
	 * One entry of a namespace.
	 *
	 * @param namespace the namespace name
	 * @param key the key
	 * @param bytes the UTF-8 size of the key and its value
	 * @param value the value, or {@code ******} unless values are shown
	 */
	public record EntryDescriptor(String namespace, String key, long bytes,
			@Nullable Object value) implements OperationResponseBody {

	}

	/**
	 * The result of a removal.
	 *
	 * @param namespace the namespace name
	 * @param removed how many keys were removed
	 */
	public record RemovalDescriptor(String namespace, int removed) implements OperationResponseBody {

	}

}
