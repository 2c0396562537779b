# Base images: pass digests to pin them, e.g.
#   docker build --build-arg JDK_IMAGE=eclipse-temurin:17-jdk@sha256:<digest> \
#                --build-arg JRE_IMAGE=eclipse-temurin:17-jre@sha256:<digest> -t reembed-console .
# (`docker buildx imagetools inspect eclipse-temurin:17-jre` prints the digest of the tag today.)
ARG JDK_IMAGE=eclipse-temurin:17-jdk
ARG JRE_IMAGE=eclipse-temurin:17-jre

# Build stage: the Maven wrapper fetches Maven (its checksum checked) and the dependencies.
FROM ${JDK_IMAGE} AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -ntp -q dependency:go-offline
COPY src src
RUN ./mvnw -B -ntp -q package -DskipTests

# Run stage: the packaged app on a JRE. Its files belong to root and are read-only for the
# unprivileged user that runs it.
FROM ${JRE_IMAGE}
RUN groupadd --system --gid 10001 reembed && useradd --system --uid 10001 --gid reembed --home /app reembed
WORKDIR /app
COPY --from=build /src/target/quarkus-app/ /app/
RUN chmod -R a-w,a+rX /app
USER 10001
# aws mode by default (it listens on every interface of the container and needs a login);
# REEMBED_MODE=demo runs the no-login demo, which listens on the loopback only unless
# REEMBED_DEMO_ALLOW_REMOTE=true (publish it on 127.0.0.1 then: see docs/deploying.md).
ENV REEMBED_MODE=aws \
    QUARKUS_HTTP_PORT=8080
# 8080: the console (login required); 9000: health, metrics and the OpenAPI document (no login).
EXPOSE 8080 9000
# The heap follows the memory the task or container is given.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/quarkus-run.jar"]
