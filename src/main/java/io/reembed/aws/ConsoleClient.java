package io.reembed.aws;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Marks every AWS request the console itself sends with a header of its own, so that the demo's
 * emulators can tell the console's calls (which its IAM policy must allow) from those of the demo's
 * emulated embedding container or of a test's own clients. AWS ignores the header (it is signed
 * like any other). Set on the plain SDK clients by {@link AwsClientSettings}; on the DynamoDB
 * extension's client by {@code quarkus.dynamodb.interceptors}.
 */
public class ConsoleClient implements ExecutionInterceptor {

    public static final String HEADER = "X-Reembed-Client";
    public static final String VALUE = "console";

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        return context.httpRequest().toBuilder().putHeader(HEADER, VALUE).build();
    }
}
