/**
 * Limits and container-level answers for every service: request bodies are capped, and
 * Tomcat's own error pages are problem details too.
 */
@NullMarked
package io.polyshop.defaults.web;

import org.jspecify.annotations.NullMarked;
