package io.polyshop.catalog;

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
 * The whole application on real PostgreSQL and Redis (see
 * {@link BackingServicesConfiguration}), called through MockMvc.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest
@AutoConfigureMockMvc
@Import({ BackingServicesConfiguration.class, OpenApiContract.Configuration.class, TestIssuer.Configuration.class })
public @interface CatalogIntegrationTest {

}
