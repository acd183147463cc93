package dev.wasmworkers.testing;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit extension that runs a {@link RedisServerProcess} for the tests of a class,
 * registered on a static field with {@code @RegisterExtension}; the tests are skipped,
 * with the reason, when no {@code redis-server} is installed, so that a machine with only
 * a JDK still builds.
 */
public final class LocalRedis implements BeforeAllCallback, AfterAllCallback {

	private RedisServerProcess server;

	@Override
	public void beforeAll(ExtensionContext context) {
		Assumptions.assumeTrue(RedisServerProcess.installed(),
				"redis-server is not installed (apt-get install redis-server): the tests against a real Redis "
						+ "are skipped");
		this.server = RedisServerProcess.start();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (this.server != null) {
			this.server.stop();
		}
	}

	/**
	 * The running server.
	 * @return the server, started before the first test of the class
	 */
	public RedisServerProcess server() {
		if (this.server == null) {
			throw new IllegalStateException("redis-server has not been started yet");
		}
		return this.server;
	}

}
