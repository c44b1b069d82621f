/**
 * The technical plumbing every PolyShop service shares (problem details, ETags, read
 * replicas, outbound HTTP, JSON settings), in the spirit of eShop's ServiceDefaults. No
 * domain type lives here: services still own their models and stores.
 */
@NullMarked
package io.polyshop.defaults;

import org.jspecify.annotations.NullMarked;
