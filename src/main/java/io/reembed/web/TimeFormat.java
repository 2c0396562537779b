package io.reembed.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.quarkus.qute.TemplateExtension;

/** Times on pages: to the second, in UTC, the same everywhere. */
@TemplateExtension
public final class TimeFormat {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private TimeFormat() {
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    /** A log line's time: to the millisecond, UTC, without the date. */
    static String hms(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    static String utc(Instant at) {
        return at == null ? "" : UTC.format(at);
    }
}
