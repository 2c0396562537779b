package io.reembed.ops;

import org.eclipse.microprofile.config.ConfigProvider;

/** The management interface's port in tests (Quarkus gives it its own test port, 9001 unless set). */
public final class ManagementPort {

    private ManagementPort() {
    }

    public static int inTests() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.management.test-port", Integer.class).orElse(9001);
    }
}
