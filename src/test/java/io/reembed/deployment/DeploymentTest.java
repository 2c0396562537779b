package io.reembed.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.reembed.config.TestConfig;

/** A slow CloudFormation never holds a page: after the first reading, the stack is read again in the background. */
class DeploymentTest {

    /** A stack that cannot be read; every reading after the first hangs until released. */
    private static final class SlowStack extends StackReader {
        final AtomicInteger reads = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);

        SlowStack() {
            super(null);
        }

        @Override
        public StackRead read(String stackName) {
            if (reads.incrementAndGet() > 1) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new StackRead(stackName, null, false, "Throttling: Rate exceeded");
        }

        @Override
        public List<String> bedrockChatStacks() {
            return List.of();
        }
    }

    private static final class MovableClock extends Clock {
        volatile Instant now = Instant.parse("2026-12-02T10:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void pagesGetTheLastReadingAtOnceWhileTheStackIsReadAgain() throws Exception {
        SlowStack stack = new SlowStack();
        MovableClock clock = new MovableClock();
        Deployment deployment = new Deployment(TestConfig.of("aws", Map.of()), stack, clock);

        DeploymentSettings first = deployment.settings();
        assertFalse(first.complete());
        assertEquals(1, stack.reads.get());

        clock.now = clock.now.plus(Duration.ofMinutes(5));
        long started = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            assertEquals(first, deployment.settings(), "the last reading, while the new one hangs");
        }
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(2), "no page waited for CloudFormation");
        // The background reading starts when its thread runs (late on a busy machine): wait for it, then count.
        long readingBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (stack.reads.get() < 2 && System.nanoTime() < readingBy) {
            Thread.sleep(10);
        }
        for (int i = 0; i < 50; i++) {
            deployment.settings();
        }
        assertEquals(2, stack.reads.get(), "one reading in the background, however many pages asked");

        stack.release.countDown();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (deployment.settings() == first && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertTrue(deployment.settings().readAt().isAfter(first.readAt()), "the new reading replaced the old one");
    }
}
