# One multi-stage build for every PolyShop image. It needs no BuildKit feature (no
# syntax directive, no RUN --mount): the classic builder and BuildKit both build it offline
# once the base images are present.
#   docker build --build-arg SERVICE=catalog-service --build-arg PORT=8081 -t polyshop/catalog-service .
#   docker build --target dynamodb-tools --build-arg SERVICE=dynamodb-local-support -t polyshop/dynamodb-tools .
#
# Caching, from the slowest layer to the fastest:
#   1. the poms alone, then an empty build of them: every dependency and plugin is
#      downloaded into a layer that changes only when a pom does;
#   2. the sources of one service (and of the libraries it uses), built alone;
#   3. the jar, split into Spring Boot's layers (dependencies change rarely, the
#      application's classes often). The build is reproducible
#      (project.build.outputTimestamp), so a service whose sources did not change yields
#      the same bytes and keeps its image ID when another service changes.

FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY pom.xml ./
COPY .mvn/jvm.config .mvn/
COPY service-defaults/pom.xml service-defaults/
COPY dynamodb-local-support/pom.xml dynamodb-local-support/
COPY local-stack/pom.xml local-stack/
COPY contract-testing/pom.xml contract-testing/
COPY catalog-service/pom.xml catalog-service/
COPY orders-service/pom.xml orders-service/
COPY session-projector/pom.xml session-projector/
COPY session-service/pom.xml session-service/
COPY auth-server/pom.xml auth-server/
COPY analytics-job/pom.xml analytics-job/
COPY e2e-tests/pom.xml e2e-tests/
COPY infra/pom.xml infra/
# Building the modules without their sources resolves exactly what the real build uses.
RUN mvn -B -q -Dmaven.test.skip=true -Dspring-javaformat.skip=true -Dspring-boot.repackage.skip=true \
        -pl catalog-service,orders-service,session-service,auth-server,analytics-job,dynamodb-local-support -am package \
    && rm -rf */target
# Libraries the images use, then the one module this image is for. The small
# dynamodb-local-support is always built: the classic builder builds every stage before
# the target, dynamodb-tools included.
COPY service-defaults/src service-defaults/src
COPY dynamodb-local-support/src dynamodb-local-support/src
COPY session-projector/src session-projector/src
# The services' tests use it; -am brings it into the build even with the tests skipped.
COPY contract-testing/src contract-testing/src
ARG SERVICE=catalog-service
COPY ${SERVICE}/src ${SERVICE}/src
RUN mvn -B -q -Dmaven.test.skip=true -Dspring-javaformat.skip=true -pl ${SERVICE},dynamodb-local-support -am package

# The smallest Java runtime that creating the tables needs (see dynamodb-tools).
FROM maven:3.9-eclipse-temurin-21 AS tools-runtime
RUN jlink --add-modules java.base,java.logging,java.naming,java.net.http,java.xml,jdk.crypto.ec,jdk.unsupported \
        --strip-debug --no-man-pages --no-header-files --compress=zip-6 --output /opt/jre

# DynamoDB Local tooling, run by compose (never in AWS): it creates the session tables,
# and it hands the official amazon/dynamodb-local container the jar that gives it a TTL
# that expires every item (io.polyshop.local.dynamodb.DynamoDbLocalWithTtl).
FROM debian:bookworm-slim AS dynamodb-tools
COPY --from=tools-runtime /opt/jre /opt/java
COPY --from=build /src/dynamodb-local-support/target/lib/ /app/lib/
COPY --from=build /src/dynamodb-local-support/target/dynamodb-local-support.jar /app/
RUN mkdir /plugins && chown 10001:10001 /plugins
USER 10001:10001
ENTRYPOINT ["/opt/java/bin/java", "-cp", "/app/dynamodb-local-support.jar:/app/lib/*", "io.polyshop.local.dynamodb.CreateTables"]
CMD ["http://dynamodb:8000"]

# A service's jar, split into Spring Boot's layers.
FROM eclipse-temurin:21-jre AS layers
WORKDIR /extract
ARG SERVICE=catalog-service
COPY --from=build /src/${SERVICE}/target/${SERVICE}.jar ${SERVICE}.jar
RUN java -Djarmode=tools -jar ${SERVICE}.jar extract --layers --application-filename app.jar --destination /layers

# A service: a JRE, the jar's layers, a numeric non-root user, and its own health check.
FROM eclipse-temurin:21-jre AS service
RUN groupadd --system --gid 10001 polyshop && useradd --system --uid 10001 --gid 10001 --no-create-home polyshop
WORKDIR /app
COPY --from=layers /layers/dependencies/ ./
COPY --from=layers /layers/spring-boot-loader/ ./
COPY --from=layers /layers/snapshot-dependencies/ ./
COPY --from=layers /layers/application/ ./
ARG PORT=8081
ENV PORT=${PORT} \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
USER 10001:10001
EXPOSE ${PORT}
HEALTHCHECK --interval=5s --timeout=3s --start-period=90s --retries=3 \
    CMD curl -fsS "http://localhost:${PORT}/readyz" || exit 1
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
