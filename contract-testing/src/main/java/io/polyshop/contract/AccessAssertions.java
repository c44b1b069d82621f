package io.polyshop.contract;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/** What a row of a security table asserts about the answer. */
public final class AccessAssertions {

	/** Expected when the caller may: any 2xx. */
	public static final int ALLOWED = 200;

	private AccessAssertions() {
	}

	/**
	 * {@link #ALLOWED}: any 2xx. Otherwise exactly that status; an error as problem
	 * details, and a 401 also says how to authenticate
	 * ({@code WWW-Authenticate: Bearer}).
	 */
	public static void assertAnswer(MvcTestResult result, int expected, String row) {
		MockHttpServletResponse response = result.getResponse();
		if (expected == ALLOWED) {
			assertThat(response.getStatus()).as(row).isBetween(200, 299);
			return;
		}
		assertThat(response.getStatus()).as(row).isEqualTo(expected);
		if (expected < 300) {
			return;
		}
		assertThat(response.getContentType()).as(row).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		if (expected == 401) {
			assertThat(response.getHeader(HttpHeaders.WWW_AUTHENTICATE)).as(row).startsWith("Bearer");
		}
	}

}
