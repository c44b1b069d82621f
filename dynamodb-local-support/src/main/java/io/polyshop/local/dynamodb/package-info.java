/**
 * What PolyShop adds to DynamoDB Local, wherever it runs (in-process or in the official
 * container): the session tables ({@link io.polyshop.local.dynamodb.DynamoDbTables}) and
 * a TTL that expires every item ({@link io.polyshop.local.dynamodb.TtlSweeper}). Local
 * tooling only; in AWS the CDK app defines the tables and DynamoDB expires items itself.
 */
@NullMarked
package io.polyshop.local.dynamodb;

import org.jspecify.annotations.NullMarked;
