package io.reembed.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.PreDestroy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.reembed.config.ReembedConfig;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;

/**
 * The one Service Quotas call the console makes, GetServiceQuota, in the service's JSON 1.1
 * protocol: signed with the SDK's own SigV4 signer and sent with the SDK's HTTP client, because the
 * Service Quotas SDK module is not available to this build (docs/user-guide.md, Preflight).
 */
@ApplicationScoped
public class ServiceQuotasClient {

    static final String TARGET = "ServiceQuotasV20190624.GetServiceQuota";
    private static final String SIGNING_NAME = "servicequotas";

    /** A quota's value, as Service Quotas states it. */
    public record Quota(String serviceCode, String quotaCode, String name, double value) {
    }

    private final AwsClientSettings settings;
    private final ReembedConfig config;
    private final ObjectMapper json;
    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    public ServiceQuotasClient(AwsClientSettings settings, ReembedConfig config, ObjectMapper json) {
        this.settings = settings;
        this.config = config;
        this.json = json;
    }

    /**
     * GetServiceQuota; throws {@link AwsServiceException} with the service's error code (AccessDeniedException,
     * NoSuchResourceException, ThrottlingException...) or {@link SdkClientException} when unreachable.
     */
    public Quota getServiceQuota(String serviceCode, String quotaCode) {
        Region region = settings.region().orElseThrow(() -> SdkClientException.create(
                "No AWS region is set (reembed.aws.region or AWS_REGION)."));
        byte[] body = json.createObjectNode().put("ServiceCode", serviceCode).put("QuotaCode", quotaCode).toString()
                .getBytes(StandardCharsets.UTF_8);
        URI endpoint = config.aws().endpoints().servicequotas()
                .orElse(URI.create("https://servicequotas." + region.id() + ".amazonaws.com/"));
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.1").putHeader("X-Amz-Target", TARGET)
                .putHeader("Content-Length", Integer.toString(body.length))
                .putHeader(ConsoleClient.HEADER, ConsoleClient.VALUE).build();
        AwsCredentialsIdentity credentials = settings.credentials().resolveIdentity().join();
        SignedRequest signed = signer.sign(r -> r.identity(credentials).request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
        JsonNode answer = send(signed);
        JsonNode quota = answer.path("Quota");
        if (!quota.path("Value").isNumber()) {
            throw SdkClientException.create("Service Quotas answered without a quota value: " + answer);
        }
        return new Quota(serviceCode, quotaCode, quota.path("QuotaName").asText(quotaCode), quota.path("Value").asDouble());
    }

    private JsonNode send(SignedRequest signed) {
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null)).build()).call();
            byte[] bytes;
            try (InputStream in = response.responseBody().map(InputStream.class::cast).orElse(InputStream.nullInputStream())) {
                bytes = in.readAllBytes();
            }
            JsonNode answer = bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
            int status = response.httpResponse().statusCode();
            if (status / 100 != 2) {
                String type = answer.path("__type").asText("HTTP " + status);
                String code = type.substring(type.indexOf('#') + 1);
                String message = answer.path("message").asText(answer.path("Message").asText(""));
                throw AwsServiceException.builder().statusCode(status).message(message + " (Service: ServiceQuotas, Status Code: " + status + ")")
                        .awsErrorDetails(AwsErrorDetails.builder().serviceName("ServiceQuotas").errorCode(code)
                                .errorMessage(message).build())
                        .build();
            }
            return answer;
        } catch (IOException | UncheckedIOException e) {
            throw SdkClientException.create("Service Quotas could not be reached: " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
