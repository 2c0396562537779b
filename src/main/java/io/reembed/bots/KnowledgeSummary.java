package io.reembed.bots;

import java.util.List;

import io.reembed.text.Words;

/**
 * What knowledge a bot has: its source URLs, sitemaps and file names, and how many of each. Only a
 * bot with some needs its embeddings rebuilt; a bot whose embedding failed is fixed starting here.
 */
public record KnowledgeSummary(int urls, int sitemaps, int files, List<String> sourceUrls, List<String> sitemapUrls,
        List<String> filenames) {

    public static final KnowledgeSummary NONE = new KnowledgeSummary(List.of(), List.of(), List.of());

    public KnowledgeSummary(List<String> sourceUrls, List<String> sitemapUrls, List<String> filenames) {
        this(sourceUrls.size(), sitemapUrls.size(), filenames.size(), List.copyOf(sourceUrls), List.copyOf(sitemapUrls),
                List.copyOf(filenames));
    }

    /** Counts only, for bots made up in tests. */
    public KnowledgeSummary(int urls, int sitemaps, int files) {
        this(urls, sitemaps, files, List.of(), List.of(), List.of());
    }

    public boolean hasKnowledge() {
        return urls + sitemaps + files > 0;
    }

    public int total() {
        return urls + sitemaps + files;
    }

    public String label() {
        if (!hasKnowledge()) {
            return "none";
        }
        StringBuilder text = new StringBuilder();
        append(text, urls, "URL");
        append(text, sitemaps, "sitemap");
        append(text, files, "file");
        return text.toString();
    }

    private static void append(StringBuilder text, int count, String noun) {
        if (count == 0) {
            return;
        }
        if (!text.isEmpty()) {
            text.append(", ");
        }
        text.append(Words.count(count, noun));
    }
}
