package io.polyshop.sessions.projector;

import java.time.Clock;
import java.util.List;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The AWS Lambda entry point, fed by a DynamoDB event source mapping on the sessions
 * table's stream. Records of a batch are processed in order; at the first failure the
 * handler reports that record's sequence number as the batch item failure and stops, so
 * Lambda retries from there (records before it are done; those after it are retried and,
 * being idempotent, harmless). Configure the mapping with
 * {@code FunctionResponseTypes=ReportBatchItemFailures}.
 *
 * <p>
 * Environment: {@code INSIGHTS_TABLE} (default {@code polyshop-cart-insights}); region
 * and credentials from the Lambda environment.
 */
public class ProjectorHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

	private static final Logger log = LoggerFactory.getLogger(ProjectorHandler.class);

	private final Projector projector;

	/** Used by Lambda: one client per container, reused across invocations. */
	public ProjectorHandler() {
		this(new Projector(DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build(),
				System.getenv().getOrDefault("INSIGHTS_TABLE", "polyshop-cart-insights"), Clock.systemUTC()));
	}

	public ProjectorHandler(Projector projector) {
		this.projector = projector;
	}

	@Override
	public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
		for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
			try {
				this.projector.process(ChangeRecords.fromLambda(record));
			}
			catch (RuntimeException ex) {
				String sequenceNumber = record.getDynamodb().getSequenceNumber();
				log.error("Projecting record {} (sequence {}) failed; reporting it for retry", record.getEventID(),
						sequenceNumber, ex);
				return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(sequenceNumber)));
			}
		}
		return new StreamsEventResponse(List.of());
	}

}
