package dev.wasmworkers.server;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import dev.wasmworkers.worker.Worker;
import dev.wasmworkers.worker.WorkerCatalog;
import dev.wasmworkers.worker.WorkerCatalogHolder;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Prints wws's start-up lines once the server listens: the project folder, how long
 * loading the workers took, each route with its file (and why it cannot be served, for a
 * worker that cannot), the management API when it is on, and
 * {@code 🚀 Start serving requests at http://host:port}.
 */
final class StartupReport implements ApplicationListener<WebServerInitializedEvent> {

	private final PrintStream out;

	/** Creates the report, printed on this stream. */
	StartupReport(PrintStream out) {
		this.out = out;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (event.getApplicationContext().getServerNamespace() != null) {
			return;
		}
		Environment environment = event.getApplicationContext().getEnvironment();
		WorkerCatalog catalog = event.getApplicationContext().getBean(WorkerCatalogHolder.class).current();
		String address = "http://" + host(environment.getProperty("server.address", "127.0.0.1")) + ":"
				+ event.getWebServer().getPort();
		String project = environment.getProperty("wasm.workers.path", ".");
		List<Worker> workers = catalog.workers();
		this.out.println("⚙️  Loading routes from: " + project);
		this.out.println("⏳ Loading workers from " + workers.size() + " routes...");
		this.out.println("✅ Workers loaded in "
				+ String.format(Locale.ROOT, "%.2fms", catalog.loadTime().toNanos() / 1_000_000.0) + ".");
		for (Worker worker : workers) {
			this.out.println("    - " + address + worker.route().path());
			this.out.println("      => " + Path.of(project, worker.name()));
			worker.failure().ifPresent((reason) -> this.out.println("      ❌ " + reason));
		}
		if (environment.getProperty("wasm.workers.management-api.enabled", Boolean.class, false)) {
			this.out.println("🎛️  The management API is available at " + address
					+ "/_api/v0/workers (the admin panel is not included)");
		}
		this.out.println("🚀 Start serving requests at " + address);
		this.out.println();
		this.out.flush();
	}

	private static String host(String address) {
		return (address.indexOf(':') >= 0 && !address.startsWith("[")) ? "[" + address + "]" : address;
	}

}
