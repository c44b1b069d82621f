package io.polyshop.defaults.jdbc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Writer and reader pools, read-only transactions on the reader: see
 * {@link ReadReplicaRouting}. On the application class of a service with a relational
 * store.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(ReadReplicaRouting.class)
public @interface EnableReadReplicaRouting {

}
