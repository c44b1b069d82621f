/**
 * The sales load: extract what changed in the orders database since the watermark, stage
 * it in the warehouse, merge it and advance the watermark in one transaction.
 */
@NullMarked
package io.polyshop.analytics.sales;

import org.jspecify.annotations.NullMarked;
