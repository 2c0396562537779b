package io.reembed.web;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.reembed.aws.AwsClientSettings;
import io.reembed.aws.AwsIdentity;
import io.reembed.config.ReembedConfig;
import io.reembed.deployment.Deployment;
import io.reembed.runs.engine.RunEngine;

public class PageHeaderProducer {

    @Produces
    @Singleton
    PageHeader pageHeader(ReembedConfig config, AwsClientSettings aws, AwsIdentity identity, Deployment deployment,
            RunEngine engine) {
        return new PageHeader(config.mode().label(), aws.regionLabel(), aws.demo(), identity, deployment, engine);
    }
}
