/** HTTP for the cart-insights read model. */
@NullMarked
package io.polyshop.sessions.insights.web;

import org.jspecify.annotations.NullMarked;
