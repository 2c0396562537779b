package io.reembed.notify;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.reembed.runs.RunTally;

/**
 * One change in a run that a person may act on, as every channel receives it. Its {@code id} (the
 * run's id and the change's place in the run's audit trail) never changes: a channel that is offered
 * it again after a crash gets the same id, its idempotency key.
 *
 * @param type started, finished, cancelled, braked (paused by the failure brake), capped (paused by the spending
 *        cap), paused, resumed, stalled, or test (sent from Settings, of no run)
 * @param who the person (or "failure brake", "console") behind it; null for a run that ended by itself
 * @param outcome how an ended run ended, in words ("finished, 3 failed in 1 h 04 min"); null for the others
 * @param tally how the bots of an ended run stand; null for the others
 * @param url the run's page, from reembed.notify.console-url; null when that is not set
 */
public record RunEvent(String id, String type, String runId, int index, Instant at, String who, String detail,
        String outcome, RunTally tally, int total, String account, String region, String stack, String url) {

    /** One line a person reads in an e-mail or a chat: what happened, to which run, and where to look. */
    public String text() {
        String run = "Run " + runId;
        String sentence = switch (type) {
            case "started" -> run + " started by " + who + ": " + detail;
            case "finished" -> run + " " + outcome + tallyWords();
            case "cancelled" -> run + " " + outcome + (who == null ? "" : " (cancelled by " + who + ")") + tallyWords();
            case "braked" -> run + " paused by its " + detail;
            case "capped" -> run + " paused: " + detail;
            case "paused" -> run + " paused by " + who;
            case "resumed" -> run + " resumed by " + who;
            case "stalled" -> run + " made no progress: " + detail;
            case "test" -> "A test event of the Re-embed Console, sent by " + who + " from Settings";
            default -> run + ": " + type + " " + detail;
        };
        return sentence + "." + (url == null ? "" : " " + url);
    }

    /** A short subject line (SNS allows 100 characters). */
    public String subject() {
        String subject = "Re-embed run " + runId + " " + switch (type) {
            case "braked" -> "paused by its failure brake";
            case "capped" -> "paused by its spending cap";
            case "stalled" -> "made no progress";
            case "test" -> "(a test event)";
            default -> type;
        };
        return subject.length() <= 100 ? subject : subject.substring(0, 100);
    }

    private String tallyWords() {
        if (tally == null) {
            return "";
        }
        return ": " + tally.succeeded() + " succeeded, " + tally.failed() + " failed, " + tally.cancelled() + " cancelled"
                + (tally.skipped() > 0 ? ", " + tally.skipped() + " skipped" : "");
    }

    /** The event's fields, in a stable order, as EventBridge's detail and the webhook's "event". */
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", id);
        fields.put("type", type);
        fields.put("runId", runId);
        fields.put("at", at.toString());
        fields.put("who", who);
        fields.put("detail", detail);
        fields.put("outcome", outcome);
        fields.put("total", total);
        if (tally != null) {
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("succeeded", tally.succeeded());
            counts.put("failed", tally.failed());
            counts.put("cancelled", tally.cancelled());
            counts.put("skipped", tally.skipped());
            fields.put("tally", counts);
        } else {
            fields.put("tally", null);
        }
        fields.put("account", account);
        fields.put("region", region);
        fields.put("stack", stack);
        fields.put("url", url);
        fields.put("text", text());
        return fields;
    }
}
