package dev.wasmworkers.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RequestTargetsTests {

	@ParameterizedTest
	@CsvSource(delimiterString = " : ", nullValues = "NULL",
			value = { "/ : NULL : true", "/caf%C3%A9 : q=%C3%A9 : true", "/a-b._~!$&'()*+,;=:@/c : a=b&c=/d?e : true",
					"/100%25 : x=%2f%2F : true", "/a?b : NULL : false", "/caf\u00e9 : NULL : false",
					"/ : q=\u00e9 : false", "/bad%zz : NULL : false", "/bad%4 : NULL : false", "/bad% : NULL : false",
					"/ : q=%g1 : false", "/a b : NULL : false", "/a{b} : NULL : false", "/a|b : NULL : false",
					"/a\"b : NULL : false", "/a<b> : NULL : false", "/a\\b : NULL : false", "/a^b : NULL : false",
					"/a`b : NULL : false", "/ : q=a#b : false", "/ : q=a[0] : false", "/a\u0000b : NULL : false" })
	void acceptsOnlyUriCharactersAndWholePercentEscapes(String path, String query, boolean valid) {
		assertThat(RequestTargets.isValid(path, query)).isEqualTo(valid);
	}

}
