package io.polyshop.defaults.security;

import java.io.IOException;
import java.net.URI;

import io.polyshop.defaults.problem.ProblemTypes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * 401 and 403 the way every other error is answered: problem details, with the
 * {@code WWW-Authenticate: Bearer} challenge RFC 6750 asks for (Spring Security's own
 * handlers set status and header; these add the body). The detail says what was wrong
 * without repeating the token.
 */
final class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

	/** What a refusal of the firewall says, without repeating what it refused. */
	static final String REJECTED = "The request has a header, path or parameter with characters this API does not accept";

	private final BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();

	private final BearerTokenAccessDeniedHandler denial = new BearerTokenAccessDeniedHandler();

	private final JsonMapper json;

	ProblemSecurityHandlers(JsonMapper json) {
		this.json = json;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		this.challenge.commence(request, response, exception);
		write(request, response, HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, "Unauthorized",
				"A valid bearer token is required: " + reason(response));
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
			throws IOException {
		this.denial.handle(request, response, exception);
		write(request, response, HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden",
				"The token does not allow this: it lacks the scope or role this operation needs");
	}

	/**
	 * Spring Security's firewall refuses what it cannot trust (a header value with
	 * characters outside ISO-8859-1's printable range, a path with an encoded slash): a
	 * 400 problem that does not repeat what was refused, where the default would be a 500
	 * and a log line with the value in it.
	 */
	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException exception)
			throws IOException {
		write(request, response, HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_INPUT, "Invalid input", REJECTED);
	}

	/** The error description Spring Security put in the challenge, without the token. */
	private static String reason(HttpServletResponse response) {
		String challenge = response.getHeader("WWW-Authenticate");
		if (challenge != null) {
			int start = challenge.indexOf("error_description=\"");
			if (start >= 0) {
				int end = challenge.indexOf('"', start + "error_description=\"".length());
				if (end > start) {
					return challenge.substring(start + "error_description=\"".length(), end);
				}
			}
		}
		return "none was sent";
	}

	/** The path, if it is one a URI can hold (a rejected request's may not be). */
	private static @Nullable URI instance(HttpServletRequest request) {
		try {
			return URI.create(request.getRequestURI());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, URI type,
			String title, String detail) throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		problem.setTitle(title);
		problem.setInstance(instance(request));
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

}
