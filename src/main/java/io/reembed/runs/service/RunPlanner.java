package io.reembed.runs.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.reembed.bots.Bot;
import io.reembed.bots.BotCatalog;
import io.reembed.bots.BotKey;
import io.reembed.bots.CatalogSnapshot;
import io.reembed.bots.StuckBots;
import io.reembed.deployment.Deployment;
import io.reembed.runs.engine.RunEngine;
import io.reembed.runs.SelectionException;

/**
 * Turns a selection into a plan: only bots that exist in the table, none twice, bots without
 * knowledge left out unless the administrator insists, bots already being re-embedded left out.
 */
@ApplicationScoped
public class RunPlanner {

    private final BotCatalog catalog;
    private final RunEngine engine;
    private final Deployment deployment;
    private final StuckBots stuck;

    public RunPlanner(BotCatalog catalog, RunEngine engine, Deployment deployment, StuckBots stuck) {
        this.stuck = stuck;
        this.catalog = catalog;
        this.engine = engine;
        this.deployment = deployment;
    }

    public RunPlan plan(Selection selection, boolean includeWithoutKnowledge) {
        CatalogSnapshot snapshot = catalog.snapshot();
        List<Bot> chosen = new ArrayList<>();
        if (selection.byKeys()) {
            Set<BotKey> unique = new LinkedHashSet<>(selection.keys());
            if (unique.isEmpty()) {
                throw new SelectionException("Nothing was selected.");
            }
            List<String> unknown = new ArrayList<>();
            for (BotKey key : unique) {
                Bot bot = snapshot.byKey().get(key);
                if (bot == null) {
                    unknown.add(key.sk());
                } else {
                    chosen.add(bot);
                }
            }
            if (!unknown.isEmpty()) {
                throw new SelectionException(unknown.size() + " selected bot" + (unknown.size() == 1 ? " is" : "s are")
                        + " not in the table " + deployment.settings().tableLabel() + " (deleted, or not a bot): "
                        + String.join(", ", unknown.subList(0, Math.min(5, unknown.size())))
                        + (unknown.size() > 5 ? ", …" : "") + ". Nothing was launched.");
            }
        } else {
            snapshot.bots().stream().filter(selection.filter(stuck.report(snapshot))).forEach(chosen::add);
            if (chosen.isEmpty()) {
                throw new SelectionException((selection.filterLabel().isEmpty() ? "There is no bot in "
                        + selection.description() : "No bot matches the filter " + selection.filterLabel())
                        + ". Nothing was launched.");
            }
        }
        List<Bot> launch = new ArrayList<>();
        List<RunPlan.Exclusion> excluded = new ArrayList<>();
        for (Bot bot : chosen) {
            Optional<String> runningIn = engine.activeRunOf(bot.key());
            if (runningIn.isPresent()) {
                excluded.add(new RunPlan.Exclusion(bot, "already being re-embedded", runningIn.get()));
            } else if (!bot.hasKnowledge() && bot.knowledgeUnreadable() && !includeWithoutKnowledge) {
                excluded.add(new RunPlan.Exclusion(bot, "knowledge unreadable (" + bot.problemsLabel()
                        + "): fix the bot's item, then re-embed it", null));
            } else if (!bot.hasKnowledge() && !includeWithoutKnowledge) {
                excluded.add(new RunPlan.Exclusion(bot, "no knowledge: its task would only write \"No contents to embed.\"",
                        null));
            } else {
                launch.add(bot);
            }
        }
        return new RunPlan(selection.description(), List.copyOf(launch), List.copyOf(excluded),
                deployment.settings().ecs(), includeWithoutKnowledge);
    }
}
