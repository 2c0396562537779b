package io.reembed.runs.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.reembed.runs.RunBot;

/**
 * The live part of a run's page cut into the pieces an update replaces, each rendered by its own
 * fragment of {@code run.html}: the status line, the "updated" stamp, the bar, the notes, the
 * figures, the failure kinds, the counts, the actions, the pager, and each bot's row with the
 * empty row under it where its log panel opens.
 */
public record RunPageParts(Map<String, String> parts, List<String> order, Map<String, String> rows,
        Map<String, String> logRows, long at) {

    /**
     * Parts that change with every reading (the "updated" stamp, the figures so far): alone they are
     * not a change worth sending; they go with the next update or the next beat.
     */
    static final Set<String> TICKING = Set.of("stamp", "figures");
    static final String EMPTY_ROW = "run-rows-empty";

    @CheckedTemplate(basePath = "RunsResource")
    static class Templates {
        static native TemplateInstance run$status(RunPageView view);

        static native TemplateInstance run$stamp(RunPageView view);

        static native TemplateInstance run$bar(RunPageView view);

        static native TemplateInstance run$notes(RunPageView view);

        static native TemplateInstance run$figures(RunPageView view);

        static native TemplateInstance run$kinds(RunPageView view);

        static native TemplateInstance run$counts(RunPageView view);

        static native TemplateInstance run$actions(RunPageView view);

        static native TemplateInstance run$pager(RunPageView view);

        static native TemplateInstance run$row(RunPageView view, RunBot bot);

        static native TemplateInstance run$logrow(RunBot bot);

        static native TemplateInstance run$empty();
    }

    public static RunPageParts of(RunPageView page) {
        RunPageView view = page.forStream();
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("status", Templates.run$status(view).render());
        parts.put("stamp", Templates.run$stamp(view).render());
        parts.put("bar", Templates.run$bar(view).render());
        parts.put("notes", Templates.run$notes(view).render());
        parts.put("figures", Templates.run$figures(view).render());
        parts.put("kinds", Templates.run$kinds(view).render());
        parts.put("counts", Templates.run$counts(view).render());
        parts.put("actions", Templates.run$actions(view).render());
        parts.put("pager", Templates.run$pager(view).render());
        parts.replaceAll((name, html) -> compact(html));
        Map<String, String> rows = new LinkedHashMap<>();
        Map<String, String> logRows = new LinkedHashMap<>();
        for (RunBot bot : view.rows()) {
            rows.put(view.rowId(bot), compact(Templates.run$row(view, bot).render()));
            logRows.put(view.rowId(bot), compact(Templates.run$logrow(bot).render()));
        }
        if (rows.isEmpty()) {
            rows.put(EMPTY_ROW, compact(Templates.run$empty().render()));
        }
        return new RunPageParts(parts, List.copyOf(rows.keySet()), rows, logRows, view.snapshot().at().toEpochMilli());
    }

    /** The template's indentation left out: the live parts hold no preformatted text. */
    private static String compact(String html) {
        return html.strip().replaceAll("\n[ \t]+", "\n");
    }

    /**
     * What turns a page showing {@code before} (nothing, on a new connection) into one showing this:
     * the parts and rows whose markup differs, and the rows' order when it changed. Empty when only
     * ticking parts moved (null), unless {@code beat} asks for a sign of life.
     */
    public RunPageUpdate since(RunPageParts before, boolean beat) {
        StringBuilder changed = new StringBuilder();
        StringBuilder ticked = new StringBuilder();
        parts.forEach((name, html) -> {
            if (before == null || !html.equals(before.parts.get(name))) {
                (TICKING.contains(name) ? ticked : changed).append(html);
            }
        });
        StringBuilder changedRows = new StringBuilder();
        rows.forEach((id, html) -> {
            String shown = before == null ? null : before.rows.get(id);
            if (shown == null) {
                // A row new to the page comes with the empty row its log panel opens in; the page keeps that one.
                changedRows.append(html).append(logRows.getOrDefault(id, ""));
            } else if (!html.equals(shown)) {
                changedRows.append(html);
            }
        });
        List<String> newOrder = before == null || !order.equals(before.order) ? order : null;
        if (changed.isEmpty() && changedRows.isEmpty() && newOrder == null && !beat) {
            return null;
        }
        changed.append(ticked);
        return new RunPageUpdate(changed.toString(), newOrder, changedRows.toString(), at);
    }
}
