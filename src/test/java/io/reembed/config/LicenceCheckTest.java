package io.reembed.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Every artifact on the runtime and test classpaths carries an open-source licence, checked against
 * an allow-list: the runtime's from the CycloneDX SBOM the build writes (target/bom.json, what the
 * console ships), the tests' from their POMs in the local repository (a parent's licence is
 * inherited). An artifact with no licence, or one outside the list (DynamoDB Local's vendor
 * agreement, say), fails the build by name.
 */
class LicenceCheckTest {

    /** SPDX ids of the open-source licences the console and its tests may carry. */
    static final Set<String> ALLOWED = Set.of("Apache-2.0", "MIT", "MIT-0", "BSD-2-Clause", "BSD-3-Clause",
            "EPL-1.0", "EPL-2.0", "EDL-1.0", "MPL-2.0", "MPL-1.1", "LGPL-2.1-only", "LGPL-2.1-or-later",
            "LGPL-3.0-only", "LGPL-3.0-or-later", "CDDL-1.0", "CDDL-1.1", "GPL-2.0-with-classpath-exception",
            "GPL-2.0-only WITH Classpath-exception-2.0", "ISC", "CC0-1.0", "Unlicense", "Unicode-DFS-2016",
            "Unicode-3.0", "BSD-2-Clause-Views", "0BSD", "Public-Domain", "Bouncy-Castle", "UPL-1.0");

    /** Licence names written in POMs without an SPDX id, mapped to the id they mean. */
    private static final Map<String, String> NAMES = names();

    @Test
    void everyArtifactOfTheBuildHasAnOpenSourceLicence() throws IOException {
        Path bom = Path.of("target", "bom.json");
        assertTrue(Files.exists(bom), "the build writes target/bom.json (cyclonedx-maven-plugin, process-test-classes)");
        JsonNode components = new ObjectMapper().readTree(bom.toFile()).path("components");
        assertTrue(components.size() > 100, "the SBOM lists the whole classpath: " + components.size());
        List<String> refused = refused(components);
        assertEquals(List.of(), refused, "artifacts without an open-source licence");
    }

    @Test
    void everyArtifactOfTheTestsHasAnOpenSourceLicence() throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ArrayNode components = new ObjectMapper().createArrayNode();
        for (String entry : classpath.split(java.io.File.pathSeparator)) {
            Path jar = Path.of(entry);
            // <repository>/<group path>/<artifact>/<version>/<artifact>-<version>[-classifier].jar
            Path versionDir = jar.getParent();
            if (!entry.endsWith(".jar") || versionDir == null || versionDir.getParent() == null) {
                continue;
            }
            String version = versionDir.getFileName().toString();
            String artifact = versionDir.getParent().getFileName().toString();
            Path pom = versionDir.resolve(artifact + "-" + version + ".pom");
            if (!jar.getFileName().toString().startsWith(artifact + "-" + version) || !Files.exists(pom)) {
                continue;
            }
            PomLicences read = PomLicences.of(pom);
            ObjectNode component = components.addObject().put("group", read.group()).put("name", artifact)
                    .put("version", version);
            ArrayNode licences = component.putArray("licenses");
            for (String licence : read.licences()) {
                licences.addObject().putObject("license").put("name", licence);
            }
        }
        assertTrue(components.size() > 100, "the tests' classpath, from " + classpath.length() + " characters: "
                + components.size() + " artifacts");
        assertEquals(List.of(), refused(components), "test artifacts without an open-source licence");
    }

    @Test
    void aVendorLicensedArtifactIsRefusedByName() throws IOException {
        JsonNode vendor = new ObjectMapper().readTree("""
                [{"group": "com.amazonaws", "name": "DynamoDBLocal", "version": "2.6.1",
                  "licenses": [{"license": {"name": "AWS License Agreement", "url": "https://aws.amazon.com/agreement/"}}]},
                 {"group": "org.example", "name": "no-licence", "version": "1.0"},
                 {"group": "org.example", "name": "apache", "version": "1.0",
                  "licenses": [{"license": {"id": "Apache-2.0"}}]}]
                """);
        assertEquals(List.of("com.amazonaws:DynamoDBLocal:2.6.1 (AWS License Agreement)",
                "org.example:no-licence:1.0 (no licence stated)"), refused(vendor));
    }

    static List<String> refused(JsonNode components) {
        List<String> refused = new ArrayList<>();
        for (JsonNode component : components) {
            String name = component.path("group").asText() + ":" + component.path("name").asText() + ":"
                    + component.path("version").asText();
            Set<String> licences = new TreeSet<>();
            boolean open = false;
            for (JsonNode entry : component.path("licenses")) {
                JsonNode licence = entry.path("license");
                String id = licence.hasNonNull("id") ? licence.get("id").asText()
                        : entry.hasNonNull("expression") ? entry.get("expression").asText()
                        : ALLOWED.contains(licence.path("name").asText()) ? licence.path("name").asText()
                        : NAMES.get(normalise(licence.path("name").asText()));
                licences.add(licence.path("name").asText(id == null ? "?" : id));
                // One open licence of several (dual licensing, "A OR B") is enough to use the artifact.
                open |= id != null && java.util.Arrays.stream(id.replaceAll("[()]", "").split(" OR "))
                        .map(String::trim).anyMatch(ALLOWED::contains);
            }
            if (!open) {
                refused.add(name + " (" + (licences.isEmpty() ? "no licence stated" : String.join(", ", licences)) + ")");
            }
        }
        return refused;
    }

    private static String normalise(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").trim();
    }

    private static Map<String, String> names() {
        Map<String, String> names = new TreeMap<>();
        for (String[] pair : new String[][] {
                {"The Apache Software License, Version 2.0", "Apache-2.0"},
                {"The Apache License, Version 2.0", "Apache-2.0"},
                {"Apache Software License, version 2.0", "Apache-2.0"},
                {"Apache License, Version 2.0", "Apache-2.0"},
                {"Apache License 2.0", "Apache-2.0"},
                {"Apache 2.0", "Apache-2.0"},
                {"Apache 2", "Apache-2.0"},
                {"Apache-2.0", "Apache-2.0"},
                {"Apache License Version 2.0", "Apache-2.0"},
                {"The MIT License", "MIT"},
                {"MIT License", "MIT"},
                {"MIT", "MIT"},
                {"The MIT License (MIT)", "MIT"},
                {"BSD License 3", "BSD-3-Clause"},
                {"BSD-3-Clause", "BSD-3-Clause"},
                {"The BSD License", "BSD-3-Clause"},
                {"BSD 3-Clause License", "BSD-3-Clause"},
                {"New BSD License", "BSD-3-Clause"},
                {"Revised BSD", "BSD-3-Clause"},
                {"BSD License", "BSD-3-Clause"},
                {"BSD-2-Clause", "BSD-2-Clause"},
                {"Eclipse Public License - v 2.0", "EPL-2.0"},
                {"Eclipse Public License v2.0", "EPL-2.0"},
                {"Eclipse Public License 2.0", "EPL-2.0"},
                {"Eclipse Public License, Version 2.0", "EPL-2.0"},
                {"Eclipse Public License - v 1.0", "EPL-1.0"},
                {"Eclipse Public License 1.0", "EPL-1.0"},
                {"Eclipse Distribution License - v 1.0", "EDL-1.0"},
                {"EDL 1.0", "EDL-1.0"},
                {"GNU Lesser General Public License", "LGPL-2.1-or-later"},
                {"GNU Lesser General Public License v2.1 or later", "LGPL-2.1-or-later"},
                {"LGPL-2.1-or-later", "LGPL-2.1-or-later"},
                {"Mozilla Public License 2.0", "MPL-2.0"},
                {"Mozilla Public License, Version 2.0", "MPL-2.0"},
                {"Lesser General Public License, version 3 or greater", "LGPL-3.0-or-later"},
                {"Universal Permissive License, Version 1.0", "UPL-1.0"},
                {"MPL 2.0", "MPL-2.0"},
                {"CDDL + GPLv2 with classpath exception", "CDDL-1.1"},
                {"CDDL/GPLv2+CE", "CDDL-1.1"},
                {"GPL2 w/ CPE", "GPL-2.0-with-classpath-exception"},
                {"GNU General Public License, version 2 with the GNU Classpath Exception",
                        "GPL-2.0-with-classpath-exception"},
                {"GNU General Public License, version 2, with the Classpath Exception",
                        "GPL-2.0-with-classpath-exception"},
                {"Public Domain", "Public-Domain"},
                {"Public Domain, per Creative Commons CC0", "CC0-1.0"},
                {"CC0", "CC0-1.0"},
                {"Bouncy Castle Licence", "Bouncy-Castle"},
                {"Unicode/ICU License", "Unicode-3.0"},
        }) {
            names.put(normalise(pair[0]), pair[1]);
        }
        return Map.copyOf(names);
    }
}
