package dev.wasmworkers.benchmarks.plain.webflux;

import dev.wasmworkers.benchmarks.plain.HelloPage;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The baseline of {@code http-vs-plain.sh} for WebFlux: a WebFlux functional handler
 * answering the C hello worker's page from memory, run on the sample app's own libraries
 * (so with the same Netty, Actuator and observations) but without workers.
 */
@SpringBootApplication
public class PlainWebFluxApplication {

	@Bean
	RouterFunction<ServerResponse> helloPage() {
		MediaType contentType = MediaType.parseMediaType(HelloPage.CONTENT_TYPE);
		return RouterFunctions.route()
			.GET(HelloPage.PATH, (request) -> ServerResponse.ok().contentType(contentType).bodyValue(HelloPage.BODY))
			.build();
	}

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(PlainWebFluxApplication.class);
		application.setWebApplicationType(WebApplicationType.REACTIVE);
		application.run(args);
	}

}
