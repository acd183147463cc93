package dev.wasmworkers.benchmarks.plain.webmvc;

import dev.wasmworkers.benchmarks.plain.HelloPage;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The baseline of {@code http-vs-plain.sh} for Spring MVC: a WebMvc.fn handler answering
 * the C hello worker's page from memory, run on the MVC sample app's own libraries (so
 * with the same Tomcat, Actuator and observations) but without workers.
 */
@SpringBootApplication
public class PlainWebMvcApplication {

	@Bean
	RouterFunction<ServerResponse> helloPage() {
		MediaType contentType = MediaType.parseMediaType(HelloPage.CONTENT_TYPE);
		return RouterFunctions.route()
			.GET(HelloPage.PATH, (request) -> ServerResponse.ok().contentType(contentType).body(HelloPage.BODY))
			.build();
	}

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(PlainWebMvcApplication.class);
		application.setWebApplicationType(WebApplicationType.SERVLET);
		application.run(args);
	}

}
