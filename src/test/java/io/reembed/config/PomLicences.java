package io.reembed.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What an artifact's POM in the local repository says of it: its group and its licences, a parent's
 * when it names none (as Maven inherits them).
 */
record PomLicences(String group, List<String> licences) {

    private static final int MAX_PARENTS = 10;

    static PomLicences of(Path pom) throws Exception {
        Element project = read(pom);
        return new PomLicences(group(project), licences(pom, project, 0));
    }

    private static List<String> licences(Path pom, Element project, int depth) throws Exception {
        List<String> names = new ArrayList<>();
        Element licences = child(project, "licenses");
        if (licences != null) {
            for (Node node = licences.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element licence && "license".equals(licence.getTagName())) {
                    String name = text(licence, "name");
                    names.add(name == null ? String.valueOf(text(licence, "url")) : name);
                }
            }
        }
        Element parent = child(project, "parent");
        if (!names.isEmpty() || parent == null || depth == MAX_PARENTS) {
            return names;
        }
        Path parentPom = repository(pom, project).resolve(text(parent, "groupId").replace('.', '/'))
                .resolve(text(parent, "artifactId")).resolve(text(parent, "version"))
                .resolve(text(parent, "artifactId") + "-" + text(parent, "version") + ".pom");
        return Files.exists(parentPom) ? licences(parentPom, read(parentPom), depth + 1) : names;
    }

    /** The POM's own groupId, or its parent's when it names none (as Maven inherits it). */
    private static String group(Element project) {
        String group = text(project, "groupId");
        Element parent = child(project, "parent");
        return group == null && parent != null ? text(parent, "groupId") : group;
    }

    /** The repository's root: above the POM's version, artifact and group directories. */
    private static Path repository(Path pom, Element project) {
        Path root = pom.getParent().getParent();
        int groupDirectories = group(project).split("\\.").length;
        for (int i = 0; i < groupDirectories; i++) {
            root = root.getParent();
        }
        return root.getParent();
    }

    private static Element read(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
    }

    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && name.equals(element.getTagName())) {
                return element;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element element = child(parent, name);
        return element == null ? null : element.getTextContent().trim();
    }
}
