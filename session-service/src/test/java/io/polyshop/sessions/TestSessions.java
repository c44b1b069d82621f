package io.polyshop.sessions;

import java.io.UnsupportedEncodingException;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.polyshop.contract.TestCaller;
import io.polyshop.contract.TestIssuer;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/** Helpers over the HTTP API; SKUs are unique per call so tests never share counters. */
public final class TestSessions {

	private TestSessions() {
	}

	public static String uniqueSku() {
		return "T-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase(Locale.ROOT);
	}

	public static String start(MockMvcTester mvc) {
		MvcTestResult created = mvc.post().uri("/sessions").exchange();
		assertThat(created).hasStatus(HttpStatus.CREATED);
		return read(created, "$.id");
	}

	public static MvcTestResult put(MockMvcTester mvc, String session, String sku, int quantity) {
		return mvc.put()
			.uri("/sessions/{id}/cart/{sku}", session, sku)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"quantity\": " + quantity + "}")
			.exchange();
	}

	public static void add(MockMvcTester mvc, String session, String sku, int quantity) {
		assertThat(put(mvc, session, sku, quantity)).hasStatusOk();
	}

	/** The Authorization header of a customer. */
	public static String customer(String customerId) {
		return TestCaller.bearer(TestIssuer.shared().user(customerId, "openid"));
	}

	/** The Authorization header of staff, who read the insights. */
	public static String staff() {
		return Objects.requireNonNull(TestCaller.OPS.authorization());
	}

	/** The customer attaches itself to the session. */
	public static void attach(MockMvcTester mvc, String session, String customerId) {
		assertThat(mvc.put()
			.uri("/sessions/{id}/customer", session)
			.header(HttpHeaders.AUTHORIZATION, customer(customerId))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"customerId\": \"" + customerId + "\"}")).hasStatusOk();
	}

	/** The customer checks the session out. */
	public static MockMvcTester.MockMvcRequestBuilder checkout(MockMvcTester mvc, String session, String customerId) {
		return mvc.post()
			.uri("/sessions/{id}/checkout", session)
			.header(HttpHeaders.AUTHORIZATION, customer(customerId));
	}

	public static <T> T read(MvcTestResult result, String path) {
		try {
			return JsonPath.read(result.getResponse().getContentAsString(), path);
		}
		catch (UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
