package io.reembed.bots;

/** How much knowledge a bot has; only a bot with some needs its embeddings rebuilt. */
public record KnowledgeSummary(int urls, int sitemaps, int files) {

    public static final KnowledgeSummary NONE = new KnowledgeSummary(0, 0, 0);

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
        text.append(count).append(' ').append(noun).append(count == 1 ? "" : "s");
    }
}
