# Build stage: the Maven wrapper fetches Maven and the dependencies.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -ntp -q dependency:go-offline
COPY src src
RUN ./mvnw -B -ntp -q package -DskipTests

# Run stage: the packaged app on a JRE, as an unprivileged user.
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 reembed && useradd --system --uid 10001 --gid reembed --home /app reembed
WORKDIR /app
COPY --from=build --chown=reembed:reembed /src/target/quarkus-app/ /app/
USER 10001
# aws mode by default; REEMBED_MODE=demo runs the embedded demo instead.
ENV REEMBED_MODE=aws \
    QUARKUS_HTTP_HOST=0.0.0.0 \
    QUARKUS_HTTP_PORT=8080 \
    QUARKUS_MANAGEMENT_HOST=0.0.0.0
# 8080: the console (login required); 9000: health, metrics and the OpenAPI document (no login).
EXPOSE 8080 9000
ENTRYPOINT ["java", "-jar", "/app/quarkus-run.jar"]
