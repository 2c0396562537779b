package io.reembed.runs.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.reembed.config.ReembedConfig;
import io.reembed.runs.service.RunPlan;

/**
 * Plans shown for confirmation and not yet launched. Launching takes the plan out, so a second
 * click on "Launch" finds it gone and starts nothing; exactly what was confirmed is launched.
 */
@ApplicationScoped
public class RunDrafts {

    private record Draft(RunPlan plan, String back, Instant expiresAt) {
    }

    /** A plan kept for confirmation, and where "Back" returns to (the bot list as it was). */
    public record Kept(RunPlan plan, String back) {
    }

    private final Map<String, Draft> drafts = new ConcurrentHashMap<>();
    private record Launched(String runId, Instant forgetAt) {
    }

    /** Launched drafts, kept as long as a draft would have been, for a repeated click. */
    private final Map<String, Launched> launched = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final ReembedConfig config;
    private final Clock clock;

    public RunDrafts(ReembedConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public String keep(RunPlan plan, String back) {
        Instant now = clock.instant();
        drafts.values().removeIf(draft -> draft.expiresAt().isBefore(now));
        launched.values().removeIf(run -> run.forgetAt().isBefore(now));
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        drafts.put(id, new Draft(plan, back, now.plus(config.runs().draftTtl())));
        return id;
    }

    /** The plan, removed so it can be launched once only; empty if unknown, expired or already taken. */
    public Optional<RunPlan> take(String id) {
        Draft draft = id == null ? null : drafts.remove(id);
        if (draft == null || draft.expiresAt().isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(draft.plan());
    }

    /** The plan as kept, to show it again (a reload, Back): empty if unknown, expired or launched. */
    public Optional<Kept> peek(String id) {
        Draft draft = id == null ? null : drafts.get(id);
        if (draft == null || draft.expiresAt().isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(new Kept(draft.plan(), draft.back()));
    }

    public void launchedAs(String draftId, String runId) {
        launched.put(draftId, new Launched(runId, clock.instant().plus(config.runs().draftTtl())));
    }

    /** The run a draft was launched as, for a repeated click. */
    public Optional<String> runOf(String draftId) {
        return draftId == null ? Optional.empty() : Optional.ofNullable(launched.get(draftId)).map(Launched::runId);
    }
}
