package io.reembed.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The widths at which the user guide says columns give way are the stylesheet's. */
class DocumentedBreakpointsTest {

    @Test
    void theUserGuidesBreakpointsAreTheStylesheets() throws IOException {
        Set<Integer> css = widths(Files.readString(Path.of("src/main/resources/META-INF/resources/app.css")),
                "@media \\(max-width: (\\d+)px\\)");
        Set<Integer> documented = widths(Files.readString(Path.of("docs/user-guide.md")).replaceAll("\\s+", " "),
                "below (\\d{1,2},?\\d{3}) px");
        assertFalse(css.isEmpty(), "the stylesheet has breakpoints");
        assertEquals(css, documented, "docs/user-guide.md says columns give way below these widths");
    }

    private static Set<Integer> widths(String text, String pattern) {
        Set<Integer> widths = new TreeSet<>();
        Matcher matcher = Pattern.compile(pattern).matcher(text);
        while (matcher.find()) {
            widths.add(Integer.parseInt(matcher.group(1).replace(",", "")));
        }
        return widths;
    }
}
