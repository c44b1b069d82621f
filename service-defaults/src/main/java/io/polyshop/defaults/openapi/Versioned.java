package io.polyshop.defaults.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The operation answers with the resource's version as a strong {@code ETag} (see
 * {@link io.polyshop.defaults.http.EntityTags}); documented on each success response.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Versioned {

}
