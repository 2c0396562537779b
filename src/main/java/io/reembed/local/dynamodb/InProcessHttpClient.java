package io.reembed.local.dynamodb;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An SDK HTTP client that hands each request to the emulator in this JVM: the SDK's own marshalling
 * and error mapping, without a socket. For seeding the demo before the HTTP server listens, and for
 * tests that fill a table before the console under test starts.
 */
public final class InProcessHttpClient implements SdkHttpClient {

    private final DynamoDbEmulator emulator;

    public InProcessHttpClient(DynamoDbEmulator emulator) {
        this.emulator = emulator;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                String body;
                try (InputStream in = request.contentStreamProvider().map(p -> p.newStream())
                        .orElse(InputStream.nullInputStream())) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse(null);
                DynamoDbEmulator.Answer answer = emulator.call(target, body);
                byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                SdkHttpResponse response = SdkHttpResponse.builder().statusCode(answer.status())
                        .putHeader("Content-Type", DynamoDbEmulator.CONTENT_TYPE)
                        .putHeader("Content-Length", Integer.toString(bytes.length))
                        .putHeader("x-amz-crc32", Long.toString(DynamoDbEmulatorRoute.crc32(bytes))).build();
                return HttpExecuteResponse.builder().response(response)
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes))).build();
            }

            @Override
            public void abort() {
            }
        };
    }

    @Override
    public void close() {
    }
}
