package io.reembed.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * docs/configuration.md cannot drift from the code: every property of the {@code reembed.*} mapping
 * has a row there, every {@code reembed.*} row is a property, and each default the code gives is the
 * default the row states.
 */
class ConfigurationReferenceTest {

    /** A row: its first cell (one or more names), its second (the defaults). */
    private static final Pattern ROW = Pattern.compile("^\\| ([^|]*`reembed\\.[^|]*) \\| ([^|]*) \\|");
    private static final Pattern NAME = Pattern.compile("`([A-Za-z0-9._-]+)`");

    @Test
    void everySettingIsDocumentedWithItsDefaultAndNothingElseIs() throws IOException {
        Map<String, Optional<String>> inCode = new TreeMap<>();
        String prefix = ReembedConfig.class.getAnnotation(ConfigMapping.class).prefix();
        collect(ReembedConfig.class, prefix, inCode);

        Map<String, String> inDocs = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("docs/configuration.md"))) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                inDocs.putAll(names(row.group(1), row.group(2)));
            }
        }
        assertEquals(inCode.keySet(), inDocs.keySet(), "the properties of ReembedConfig and the rows of docs/configuration.md");
        List<String> wrong = new ArrayList<>();
        inCode.forEach((name, value) -> value.ifPresent(defaultValue -> {
            if (!inDocs.get(name).contains("`" + defaultValue + "`")) {
                wrong.add(name + ": the code's default is " + defaultValue + ", the row says " + inDocs.get(name).trim());
            }
        }));
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    /**
     * The properties a row names, each with its default: "`reembed.a.b` / `c`" names reembed.a.b and
     * its sibling reembed.a.c, their defaults "`1` / `2`" in that order; environment variable names
     * in the cell are left out.
     */
    static Map<String, String> names(String cell, String defaults) {
        List<String> names = new ArrayList<>();
        String parent = null;
        Matcher name = NAME.matcher(cell);
        while (name.find()) {
            String token = name.group(1);
            if (token.startsWith("reembed.")) {
                names.add(token);
                parent = token.substring(0, token.lastIndexOf('.'));
            } else if (parent != null && token.matches("[a-z0-9-]+")) {
                names.add(parent + "." + token);
            }
        }
        String[] values = defaults.split(" / ");
        Map<String, String> rows = new TreeMap<>();
        for (int i = 0; i < names.size(); i++) {
            rows.put(names.get(i), values.length == names.size() ? values[i] : defaults);
        }
        return rows;
    }

    private static void collect(Class<?> mapping, String prefix, Map<String, Optional<String>> into) {
        for (Method method : mapping.getMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || method.isDefault() || method.getParameterCount() > 0) {
                continue;
            }
            WithName named = method.getAnnotation(WithName.class);
            String name = prefix + "." + (named != null ? named.value() : kebab(method.getName()));
            Class<?> group = group(method.getGenericReturnType());
            if (group != null) {
                collect(group, name, into);
            } else {
                WithDefault value = method.getAnnotation(WithDefault.class);
                into.put(name, Optional.ofNullable(value).map(WithDefault::value));
            }
        }
    }

    /** The nested settings group a method returns (directly or in an Optional), or null for a value. */
    private static Class<?> group(Type type) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == Optional.class) {
            type = parameterized.getActualTypeArguments()[0];
        }
        return type instanceof Class<?> candidate && candidate.isInterface()
                && candidate.getName().startsWith(ReembedConfig.class.getName()) ? candidate : null;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
