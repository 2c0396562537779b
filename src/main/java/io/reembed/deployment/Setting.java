package io.reembed.deployment;

import java.util.List;

/**
 * One value the console launches with, and where it came from: an explicit setting, a stack output,
 * the default, or nowhere (then {@code origin} says how to set it).
 */
public record Setting(String label, String property, List<String> values, Source source, String origin) {

    public enum Source {
        SETTING("setting"), STACK("stack output"), DEFAULT("default"), MISSING("missing");

        private final String word;

        Source(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }

        public String css() {
            return name().toLowerCase();
        }
    }

    public boolean known() {
        return source != Source.MISSING;
    }

    public String value() {
        return String.join(", ", values);
    }

    /** The environment variable that sets the property: reembed.ecs.security-groups is REEMBED_ECS_SECURITY_GROUPS. */
    public String environmentVariable() {
        return environmentVariable(property);
    }

    static String environmentVariable(String property) {
        return property.toUpperCase().replace('.', '_').replace('-', '_');
    }
}
