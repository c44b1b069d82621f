/** HTTP for the cart-insights read model. */
package io.polyshop.sessions.insights.web;
