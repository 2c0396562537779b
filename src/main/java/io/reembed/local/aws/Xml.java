package io.reembed.local.aws;

/** Builds the emulators' XML answers; every value is escaped. */
final class Xml {

    private final StringBuilder text = new StringBuilder();

    Xml open(String tag) {
        text.append('<').append(tag).append('>');
        return this;
    }

    Xml open(String tag, String namespace) {
        text.append('<').append(tag).append(" xmlns=\"").append(escape(namespace)).append("\">");
        return this;
    }

    Xml close(String tag) {
        text.append("</").append(tag).append('>');
        return this;
    }

    Xml element(String tag, Object value) {
        return open(tag).value(value).close(tag);
    }

    Xml value(Object value) {
        text.append(escape(String.valueOf(value)));
        return this;
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
