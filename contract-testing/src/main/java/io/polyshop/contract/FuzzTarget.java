package io.polyshop.contract;

import java.util.function.Function;

import net.jqwik.api.Arbitrary;

import org.springframework.context.ApplicationContext;

/**
 * What a service's fuzz test aims at: the running service, the hostile requests made from
 * its document, and how to read its stored data so that a refused write can be shown to
 * have changed nothing.
 */
public final class FuzzTarget implements AutoCloseable {

	private final RunningService service;

	private final HostileRequests requests;

	private final Function<ApplicationContext, String> storedData;

	/**
	 * @param storedData a digest of everything the service stores, read through its
	 * context (its DataSource, its DynamoDB client)
	 */
	public FuzzTarget(RunningService service, HostileRequests requests,
			Function<ApplicationContext, String> storedData) {
		this.service = service;
		this.requests = requests;
		this.storedData = storedData;
	}

	public Arbitrary<HostileRequest> requests() {
		return this.requests.requests();
	}

	/** Sends the request and checks the answer (see {@link HostileRequests#check}). */
	public void check(HostileRequest request) {
		HostileRequests.check(this.service.http(), request, () -> this.storedData.apply(this.service.context()));
	}

	@Override
	public void close() {
		this.service.close();
	}

}
