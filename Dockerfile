# syntax=docker/dockerfile:1
# One multi-stage build for every PolyShop image:
#   docker build --build-arg SERVICE=catalog-service --build-arg PORT=8081 -t polyshop/catalog-service .
#   docker build --target dynamodb-init -t polyshop/dynamodb-init .
# The build stage compiles only the module asked for (and what it depends on); the runtime
# stage is a JRE, runs as a non-root user and checks its own readiness.

FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY pom.xml .
COPY local-stack/pom.xml local-stack/
COPY catalog-service/pom.xml catalog-service/
COPY orders-service/pom.xml orders-service/
COPY session-projector/pom.xml session-projector/
COPY session-service/pom.xml session-service/
COPY analytics-job/pom.xml analytics-job/
COPY e2e-tests/pom.xml e2e-tests/
COPY . .
ARG SERVICE=catalog-service
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -Dmaven.test.skip=true -Dspring-javaformat.skip=true -pl ${SERVICE} -am package

# The one-shot that creates the DynamoDB tables in a DynamoDB Local container.
FROM eclipse-temurin:21-jre AS dynamodb-init
RUN useradd --system --uid 10001 polyshop
WORKDIR /app
COPY --from=build /src/local-stack/target/local-stack.jar /app/local-stack.jar
COPY --from=build /src/local-stack/target/lib /app/lib
USER polyshop
ENTRYPOINT ["java", "-cp", "/app/local-stack.jar:/app/lib/*", "io.polyshop.local.CreateTables"]

FROM eclipse-temurin:21-jre AS service
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 polyshop
WORKDIR /app
ARG SERVICE=catalog-service
ARG PORT=8081
ENV PORT=${PORT} \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
COPY --from=build /src/${SERVICE}/target/${SERVICE}.jar /app/app.jar
USER polyshop
EXPOSE ${PORT}
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=5 \
    CMD curl -fsS "http://localhost:${PORT}/actuator/health/readiness" || exit 1
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
