package io.reembed.runs;

/** A run has ended (finished or cancelled): what is learnt from runs is to be read again. */
public record RunEnded() {
}
