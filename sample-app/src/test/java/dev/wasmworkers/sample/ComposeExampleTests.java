package dev.wasmworkers.sample;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Compose file of two replicas and Redis in {@code docs/examples/compose.yaml}, read
 * with a YAML parser (no container engine runs it here): its services, and that its
 * environment sets the properties the docs say it does.
 */
class ComposeExampleTests {

	private static final Path COMPOSE = Path.of("../docs/examples/compose.yaml");

	private static Map<String, Object> services;

	@BeforeAll
	@SuppressWarnings("unchecked")
	static void parse() throws IOException {
		try (Reader reader = Files.newBufferedReader(COMPOSE)) {
			Map<String, Object> compose = new Yaml().load(reader);
			services = (Map<String, Object>) compose.get("services");
			assertThat((Map<String, Object>) compose.get("volumes")).containsKey("redis-data");
		}
	}

	@Test
	void redisIsARedis7ThatNeverEvictsAndIsCheckedForHealth() {
		Map<String, Object> redis = service("redis");
		assertThat((String) redis.get("image")).startsWith("redis:7");
		assertThat(list(redis, "command")).containsSubsequence("--maxmemory-policy", "noeviction");
		assertThat(map(redis, "healthcheck").get("test").toString()).contains("redis-cli", "ping");
	}

	@Test
	void twoReplicasOfOneImageOnTwoPortsWaitForRedis() {
		assertThat(services).containsOnlyKeys("redis", "replica-1", "replica-2");
		Map<String, Object> one = service("replica-1");
		Map<String, Object> two = service("replica-2");
		assertThat(one.get("image")).isEqualTo(two.get("image")).asString().contains("sample-app");
		assertThat(list(one, "ports")).containsExactly("9001:8080");
		assertThat(list(two, "ports")).containsExactly("9002:8080");
		for (Map<String, Object> replica : List.of(one, two)) {
			assertThat(map(map(replica, "depends_on"), "redis")).containsEntry("condition", "service_healthy");
		}
	}

	@Test
	void eachReplicaUsesTheRedisProfileTheRedisServiceAndTheMountedWorkers() throws IOException {
		Properties redisProfile = new Properties();
		try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/application-redis.properties"))) {
			redisProfile.load(reader);
		}
		assertThat(redisProfile).containsEntry("wasm.workers.kv.store", "redis")
			.containsEntry("management.health.redis.enabled", "true");
		for (String name : List.of("replica-1", "replica-2")) {
			Map<String, Object> replica = service(name);
			SystemEnvironmentPropertySource environment = new SystemEnvironmentPropertySource(name,
					map(replica, "environment"));
			assertThat(environment.getProperty("spring.profiles.active")).isEqualTo("redis");
			assertThat(environment.getProperty("spring.data.redis.host")).isEqualTo("redis");
			assertThat(environment.getProperty("spring.data.redis.port")).isEqualTo("6379");
			assertThat(environment.getProperty("wasm.workers.path")).isEqualTo("/workers");
			String volume = list(replica, "volumes").get(0).toString();
			assertThat(volume).endsWith(":/workers:ro");
			Path workers = COMPOSE.getParent().resolve(volume.substring(0, volume.indexOf(':')));
			assertThat(workers.resolve("counter.wasm")).as("the workers mounted from " + workers).isRegularFile();
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> service(String name) {
		assertThat(services).containsKey(name);
		return (Map<String, Object>) services.get(name);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> parent, String key) {
		assertThat(parent).containsKey(key);
		return (Map<String, Object>) parent.get(key);
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Map<String, Object> parent, String key) {
		assertThat(parent).containsKey(key);
		return (List<Object>) parent.get(key);
	}

}
