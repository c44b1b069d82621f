package io.polyshop.sessions;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.polyshop.contract.OpenApiContract;
import io.polyshop.contract.TestIssuer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/**
 * The whole application on DynamoDB Local (Streams and TTL working), with a simulated
 * catalog and orders-service, called through MockMvc; the stream consumer runs.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(properties = { "polyshop.sessions.projector.local-consumer=true",
		"polyshop.sessions.projector.shard-discovery-interval=1s",
		"logging.level.com.amazonaws.services.dynamodbv2=WARN", "logging.level.org.eclipse.jetty=WARN" })
@AutoConfigureMockMvc
@Import({ BackingServicesConfiguration.class, OpenApiContract.Configuration.class, TestIssuer.Configuration.class })
public @interface SessionsIntegrationTest {

}
