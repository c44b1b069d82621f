package io.polyshop.defaults.web;

import java.io.IOException;
import java.io.Writer;

import io.polyshop.defaults.problem.ProblemTypes;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.http.HttpStatus;

/**
 * Tomcat's last word, as problem+json: an error Tomcat answers itself, before any servlet
 * runs or after the error page failed (a request line or header it cannot parse or will
 * not accept, an unsupported HTTP version), in place of its HTML page. It states the
 * status and nothing of the request.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		HttpStatus resolved = HttpStatus.resolve(status);
		String title = (resolved != null) ? resolved.getReasonPhrase() : "Error";
		String type = (resolved != null) ? ProblemTypes.forStatus(resolved).toString()
				: "urn:polyshop:problem:http-" + status;
		try {
			response.setContentType("application/problem+json");
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write("{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status
						+ ",\"detail\":\"The server refused the request before it reached the API\"}");
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The connection is gone or the response committed: nothing more can be said.
		}
	}

}
