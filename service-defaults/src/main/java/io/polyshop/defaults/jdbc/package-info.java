/** Writer and reader DataSources: read-only transactions go to the read replica. */
@NullMarked
package io.polyshop.defaults.jdbc;

import org.jspecify.annotations.NullMarked;
