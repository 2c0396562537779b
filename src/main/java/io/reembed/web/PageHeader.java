package io.reembed.web;

/** What every page shows at the top: which mode, region and table the console is looking at. */
public record PageHeader(String mode, String region, String table) {
}
