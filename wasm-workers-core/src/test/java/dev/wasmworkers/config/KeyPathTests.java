package dev.wasmworkers.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeyPathTests {

	@Test
	void whenRenderedThenKeysAreDottedAndIndexesBracketed() {
		assertThat(KeyPath.ROOT.key("data").key("kv").key("namespace")).hasToString("data.kv.namespace");
		assertThat(KeyPath.ROOT.key("folders").element(1).key("to")).hasToString("folders[1].to");
	}

	@Test
	void whenAKeyIsNotBareThenItIsRenderedQuoted() {
		assertThat(KeyPath.ROOT.key("vars").key("MY VAR")).hasToString("vars.\"MY VAR\"");
		assertThat(KeyPath.ROOT.key("vars").key("a.b")).hasToString("vars.\"a.b\"");
	}

	@Test
	void whenAnIndexAndAKeyLookAlikeThenThePathsDiffer() {
		assertThat(KeyPath.ROOT.key("a").element(0)).isNotEqualTo(KeyPath.ROOT.key("a").key("0"));
	}

	@Test
	void whenClimbingThenParentsEndAtTheRoot() {
		KeyPath to = KeyPath.ROOT.key("folders").element(0).key("to");

		assertThat(to.parent()).contains(KeyPath.ROOT.key("folders").element(0));
		assertThat(KeyPath.ROOT.key("folders").parent()).contains(KeyPath.ROOT);
		assertThat(KeyPath.ROOT.parent()).isEmpty();
	}

}
