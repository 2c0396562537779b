package io.reembed.local;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A deterministic, realistic conversation table: bots with and without knowledge in every
 * SyncStatus, aliases, many large conversations, and the hostile items end users can produce.
 */
public final class DemoDataSet {

    public static final String SCRIPT_TITLE = "<script>alert('xss')</script> Sales bot";
    public static final String MARKUP_TITLE = "Tom & Jerry's \"quotes\" <b>bold</b> <img src=x onerror=alert(1)>";
    public static final String POLISH_TITLE = "Asystent księgowości – zażółć gęślą jaźń";
    public static final String JAPANESE_TITLE = "社内規定アシスタント（人事部）";
    public static final String LONG_TITLE = "Very long title ".repeat(40).substring(0, 500);
    /** A URL of this shape makes the emulated embedding task fail, as a page that cannot be loaded would. */
    public static final String FAILING_URL = "https://wiki.example.com/failing-export";
    /** A URL of this shape makes the emulated container run out of memory and be killed (exit code 137). */
    public static final String OUT_OF_MEMORY_URL = "https://wiki.example.com/out-of-memory-archive";
    /** A URL of this shape makes the bot's first emulated task fail to start (TaskFailedToStart); the next one runs. */
    public static final String FLAKY_START_URL = "https://wiki.example.com/flaky-start-mirror";

    private static final Instant NOW = Instant.parse("2026-11-01T09:00:00Z");
    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final List<String> TITLES = List.of("HR policy assistant", "IT helpdesk (level 1)",
            "Sales playbook", "Customer onboarding FAQ", "Contract clause reviewer", "Travel & expenses",
            "Product catalogue Q&A", "Release notes explainer", "Security awareness coach", "Kubernetes runbook",
            "Marketing copywriter", "Support macros", "Benefits enrolment guide", "Data platform docs",
            "Incident postmortem helper", "Public API reference", "Procurement guide", "Brand voice checker",
            "Month-end close checklist", "Field service manual", "Warehouse safety", "Interview kit",
            "Partner portal help", "Compliance policies", "Pricing helper", "Translation glossary",
            "Course tutor", "Facilities requests", "Quarterly OKRs", "Architecture decisions");
    private static final List<String> FAILURE_REASONS = List.of(
            "Failed to load https://intranet.example.com/policies: 403 Forbidden",
            "ValidationException: Input is too long for requested model.",
            "Timed out after 900 seconds while crawling the sitemap");

    private DemoDataSet() {
    }

    public record Counts(int bots, int aliases, int conversations) {
        public int items() {
            return bots + aliases + conversations;
        }
    }

    public record Items(List<Map<String, AttributeValue>> items, Counts counts) {
    }

    public static List<String> users(int users) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            ids.add(UUID.nameUUIDFromBytes(("demo-user-" + i).getBytes()).toString());
        }
        return ids;
    }

    public static Items generate(int botCount, int userCount, int conversationsPerUser) {
        Random random = new Random(20261125L);
        List<String> users = users(userCount);
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        List<String[]> sharedBots = new ArrayList<>();
        for (int i = 0; i < botCount; i++) {
            String user = users.get(i < userCount ? i : random.nextInt(userCount));
            String botId = ulid(random);
            BotItems.Builder bot = bot(i, user, botId, random);
            if (i % 5 == 1) {
                bot.put("PublicBotId", botId);
                sharedBots.add(new String[] {user, botId, titleFor(i)});
            }
            items.add(bot.build());
        }
        int aliases = 0;
        for (int i = 0; i < Math.min(sharedBots.size(), Math.max(1, botCount / 4)); i++) {
            String[] shared = sharedBots.get(i);
            String user = users.get((i * 7 + 3) % userCount);
            if (user.equals(shared[0])) {
                continue;
            }
            items.add(BotItems.alias(user, ulid(random), shared[0], shared[1], shared[2], usedAt(random)));
            aliases++;
        }
        int conversations = 0;
        for (String user : users) {
            for (int c = 0; c < conversationsPerUser; c++) {
                items.add(BotItems.conversation(user, ulid(random), c % 3 == 0 ? null : ulid(random),
                        "Conversation " + (c + 1), messageMap(random), usedAt(random)));
                conversations++;
            }
        }
        return new Items(items, new Counts(botCount, aliases, conversations));
    }

    private static BotItems.Builder bot(int i, String user, String botId, Random random) {
        BotItems.Builder bot = BotItems.bot(user, botId)
                .put("Description", "Answers questions for team " + (i % 9 + 1))
                .put("Instruction", "You are a helpful assistant. Answer briefly and cite the knowledge.")
                .number("CreateTime", NOW.toEpochMilli() - 200L * 86_400_000L + i * 3_600_000L)
                .lastBotUsed(usedAt(random))
                .put("IsPinned", AttributeValue.fromBool(i % 7 == 0))
                .put("EmbeddingParams", AttributeValue.fromM(Map.of(
                        "chunk_size", AttributeValue.fromN("1000"),
                        "chunk_overlap", AttributeValue.fromN("200"),
                        "enable_partition_pdf", AttributeValue.fromBool(false))));
        bot.title(titleFor(i));
        boolean withKnowledge = i % 4 != 3;
        if (withKnowledge) {
            bot.knowledge(urls(i, random), sitemaps(random), files(random));
        } else {
            bot.knowledge(List.of(), List.of(), List.of());
        }
        status(bot, i, withKnowledge, random);
        hostile(bot, i);
        return bot;
    }

    private static void status(BotItems.Builder bot, int i, boolean withKnowledge, Random random) {
        String taskId = HexFormat.of().formatHex(randomBytes(random, 16));
        if (!withKnowledge) {
            bot.syncStatus("SUCCEEDED", "No contents to embed.").lastExecId(taskId);
            return;
        }
        switch (i % 17) {
            case 2, 9 -> bot.syncStatus("FAILED", FAILURE_REASONS.get(i % FAILURE_REASONS.size())).lastExecId(taskId);
            case 4 -> bot.syncStatus("RUNNING", "").lastExecId(taskId);
            case 6 -> bot.syncStatus("QUEUED", "");
            case 12 -> bot.syncStatus("ORIGINAL_NOT_FOUND", "The original bot was deleted.");
            case 14 -> { } // never synced: no SyncStatus at all
            default -> bot.syncStatus("SUCCEEDED", "Successfully inserted to vector store.").lastExecId(taskId);
        }
    }

    /** A few fixed positions carry the titles and shapes end users and old versions produce. */
    private static void hostile(BotItems.Builder bot, int i) {
        switch (i) {
            case 5 -> bot.title(SCRIPT_TITLE);
            case 10 -> bot.title(MARKUP_TITLE);
            case 15 -> bot.title(LONG_TITLE);
            case 20 -> bot.title(POLISH_TITLE);
            case 25 -> bot.title(JAPANESE_TITLE);
            case 30 -> bot.without("Title").without("Knowledge");
            case 35 -> bot.put("Title", AttributeValue.fromN("42"))
                    .put("Knowledge", AttributeValue.fromM(Map.of("source_urls", AttributeValue.fromS("https://x.example"))));
            default -> { }
        }
    }

    private static String titleFor(int i) {
        String title = TITLES.get(i % TITLES.size());
        return i < TITLES.size() ? title : title + " (" + (i / TITLES.size() + 1) + ")";
    }

    private static List<String> urls(int i, Random random) {
        List<String> urls = new ArrayList<>();
        int count = random.nextInt(6);
        for (int u = 0; u < count; u++) {
            urls.add("https://docs.example.com/team-" + (i % 9 + 1) + "/page-" + u);
        }
        if (i % 13 == 8) {
            urls.add(FAILING_URL);
        }
        if (i == 40) {
            urls.add(OUT_OF_MEMORY_URL);
        }
        if (i == 16) {
            urls.add(FLAKY_START_URL);
        }
        return urls;
    }

    private static List<String> sitemaps(Random random) {
        return random.nextInt(4) == 0 ? List.of("https://www.example.com/sitemap.xml") : List.of();
    }

    private static List<String> files(Random random) {
        List<String> files = new ArrayList<>();
        int count = random.nextInt(4);
        for (int f = 0; f < count; f++) {
            files.add(List.of("handbook.pdf", "pricing-2026.xlsx", "faq.md", "runbook.docx").get(f));
        }
        if (files.isEmpty() && random.nextBoolean()) {
            files.add("overview.pdf");
        }
        return files;
    }

    private static long usedAt(Random random) {
        return NOW.toEpochMilli() - (long) random.nextInt(90 * 24 * 60) * 60_000L;
    }

    private static String messageMap(Random random) {
        StringBuilder json = new StringBuilder("{\"system\":{\"role\":\"system\",\"content\":[]}");
        int messages = 4 + random.nextInt(6);
        for (int m = 0; m < messages; m++) {
            json.append(",\"msg-").append(m).append("\":{\"role\":\"")
                    .append(m % 2 == 0 ? "user" : "assistant").append("\",\"content\":[{\"content_type\":\"text\",\"body\":\"")
                    .append("Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(8)).append("\"}]}");
        }
        return json.append('}').toString();
    }

    private static String ulid(Random random) {
        StringBuilder id = new StringBuilder(26);
        for (int c = 0; c < 26; c++) {
            id.append(CROCKFORD.charAt(random.nextInt(CROCKFORD.length())));
        }
        return id.toString();
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
