package dev.wasmworkers.server;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

class ServerCommandTests {

	@Test
	void withoutArgumentsItServesTheCurrentFolderOnLocalhost8080() throws CommandLineException {
		ServerCommand command = ServerCommand.parse();

		assertThat(command.action()).isEqualTo(ServerCommand.Action.SERVE);
		assertThat(command.path()).isEqualTo(".");
		assertThat(command.pathIsAFolder()).isTrue();
		assertThat(command.properties()).containsExactly(entry("wasm.workers.path", "."),
				entry("server.address", "127.0.0.1"), entry("server.port", "8080"));
		assertThat(command.springArguments()).isEmpty();
	}

	@Test
	void everyWwsOptionBecomesItsProperty() throws CommandLineException {
		ServerCommand command = ServerCommand.parse("--host", "0.0.0.0", "project", "--port", "9000", "--prefix",
				"app/", "--ignore", "**/node_modules/**", "--ignore=tests/*.wasm", "--cors", "*",
				"--cors=https://a.example", "--enable-panel", "--watch");

		assertThat(command.path()).isEqualTo("project");
		assertThat(command.properties()).containsExactly(entry("wasm.workers.path", "project"),
				entry("server.address", "0.0.0.0"), entry("server.port", "9000"), entry("wasm.workers.prefix", "app/"),
				entry("wasm.workers.ignore[0]", "**/node_modules/**"), entry("wasm.workers.ignore[1]", "tests/*.wasm"),
				entry("wasm.workers.cors.allowed-origins[0]", "*"),
				entry("wasm.workers.cors.allowed-origins[1]", "https://a.example"),
				entry("wasm.workers.management-api.enabled", "true"), entry("wasm.workers.watch", "true"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "-p 9001", "-p9001", "-p=9001", "--port 9001", "--port=9001" })
	void thePortIsReadInEveryFormClapAccepts(String arguments) throws CommandLineException {
		assertThat(ServerCommand.parse(arguments.split(" ")).properties()).containsEntry("server.port", "9001");
	}

	@Test
	void springArgumentsFollowUnchangedAndTheirPathWins() throws CommandLineException {
		ServerCommand command = ServerCommand.parse("project", "-p", "0", "--wasm.workers.timeout=10s",
				"--spring.main.banner-mode=console", "--debug", "--wasm.workers.path=other", "--logging.level.root");

		assertThat(command.springArguments()).containsExactly("--wasm.workers.timeout=10s",
				"--spring.main.banner-mode=console", "--debug", "--wasm.workers.path=other", "--logging.level.root");
		assertThat(command.path()).isEqualTo("other");
		assertThat(command.pathIsAFolder()).isFalse();
		assertThat(command.properties()).containsEntry("wasm.workers.path", "project");
	}

	@Test
	void afterADoubleDashAnArgumentStartingWithADashIsThePath() throws CommandLineException {
		assertThat(ServerCommand.parse("--", "-project").path()).isEqualTo("-project");
	}

	@ParameterizedTest
	@ValueSource(strings = { "-h", "--help", "help" })
	void helpIsAskedFor(String argument) throws CommandLineException {
		assertThat(ServerCommand.parse(argument).action()).isEqualTo(ServerCommand.Action.HELP);
	}

	@ParameterizedTest
	@ValueSource(strings = { "-V", "--version" })
	void theVersionIsAskedFor(String argument) throws CommandLineException {
		assertThat(ServerCommand.parse(argument).action()).isEqualTo(ServerCommand.Action.VERSION);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', value = {
			"-i|--install-runtimes is not supported: this server installs no language runtimes (JavaScript and Python workers run on the built-in engines)",
			"--install-runtimes|--install-runtimes is not supported: this server installs no language runtimes (JavaScript and Python workers run on the built-in engines)",
			". runtimes list|the runtimes subcommand is not supported: this server installs no language runtimes (JavaScript and Python workers run on the built-in engines)",
			"runtimes install|the runtimes subcommand is not supported: this server installs no language runtimes (JavaScript and Python workers run on the built-in engines)",
			"--git-commit 1234abc|--git-commit is not supported: git projects are not served: clone the repository and pass its folder as PATH",
			"--git-tag=v1|--git-tag is not supported: git projects are not served: clone the repository and pass its folder as PATH",
			"--git-branch main|--git-branch is not supported: git projects are not served: clone the repository and pass its folder as PATH",
			"--git-folder sub|--git-folder is not supported: git projects are not served: clone the repository and pass its folder as PATH",
			"https://github.com/a/b.git|a git repository as PATH is not supported: git projects are not served: clone the repository and pass its folder as PATH",
			"--foo|unexpected argument '--foo' (see --help)", "-x|unexpected argument '-x' (see --help)",
			"--wait|unexpected argument '--wait' (see --help)",
			"a b|unexpected argument 'b': PATH is already given as 'a' (see --help)",
			"--host|a value is required for '--host <HOSTNAME>' but none was given",
			"--enable-panel=yes|'--enable-panel' takes no value, but was given 'yes'",
			"-p 65536|invalid value '65536' for '--port <PORT>': a port is a number from 0 (any free port) to 65535",
			"--port=http|invalid value 'http' for '--port <PORT>': a port is a number from 0 (any free port) to 65535" })
	void refusesWithOneLineSayingWhy(String arguments, String reason) {
		assertThatExceptionOfType(CommandLineException.class)
			.isThrownBy(() -> ServerCommand.parse(arguments.split(" ")))
			.withMessage(reason);
	}

	@Test
	void thePropertiesKeepTheOrderOfTheOptions() throws CommandLineException {
		Map<String, Object> properties = ServerCommand.parse("--ignore", "b", "--ignore", "a").properties();

		assertThat(properties).containsEntry("wasm.workers.ignore[0]", "b")
			.containsEntry("wasm.workers.ignore[1]", "a");
	}

}
