package dev.wasmworkers.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot WebFlux app that serves a folder of wws workers: the example workers of
 * {@code sample-app/workers}, packaged in its jar, unless {@code --wasm.workers.path}
 * names another folder.
 */
@SpringBootApplication
public class SampleApplication {

	/**
	 * Starts the app.
	 * @param args command-line arguments, e.g.
	 * {@code --wasm.workers.path=DIR --server.port=N}
	 */
	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
