/**
 * analytics-job: loads sales from the orders database (its reader) into a
 * Redshift-compatible star schema, incrementally and restart-safe. Start reading at
 * {@code sales.SalesLoad}.
 */
@NullMarked
package io.polyshop.analytics;

import org.jspecify.annotations.NullMarked;
