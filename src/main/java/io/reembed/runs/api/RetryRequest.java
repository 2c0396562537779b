package io.reembed.runs.api;

/** The optional body of {@code POST /api/runs/{id}/retry}: one bot, or (absent) every failed bot. */
public record RetryRequest(BotKeyJson bot) {
}
