/**
 * The AWS deployment of PolyShop as a CDK app: stacks split along their lifecycles
 * (network, data, application, analytics, observability), configured per environment
 * ({@link io.polyshop.infra.EnvironmentConfig}: a cheap {@code dev}, a production-shaped
 * {@code prod}), checked by cdk-nag.
 */
@NullMarked
package io.polyshop.infra;

import org.jspecify.annotations.NullMarked;
