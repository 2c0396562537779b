package io.reembed.web;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.reembed.aws.AwsClientSettings;
import io.reembed.aws.AwsIdentity;
import io.reembed.config.ReembedConfig;
import software.amazon.awssdk.regions.Region;

public class PageHeaderProducer {

    @Produces
    @Singleton
    PageHeader pageHeader(ReembedConfig config, AwsClientSettings aws, AwsIdentity identity) {
        String region = aws.region().map(Region::id).orElse("not set (the SDK's default chain found none)");
        return new PageHeader(config.mode().label(), region, config.tableName(), aws.demo(), identity);
    }
}
