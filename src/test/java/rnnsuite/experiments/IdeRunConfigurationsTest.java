package rnnsuite.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every experiment main has a shared IDE run configuration (IntelliJ .run/, Eclipse ide/eclipse/) that
 * starts it at full speed: the Vector API module, the memory options of .mvn/jvm.config, the project
 * root as working directory.
 */
class IdeRunConfigurationsTest {

    private static List<String> experimentMains() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/java/rnnsuite/experiments"))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith("Experiment.java") && !n.equals("VariantExperiment.java"))
                    .map(n -> n.substring(0, n.length() - ".java".length())).sorted().toList();
        }
    }

    /** The first line of .mvn/jvm.config: the options a plain mvn run starts with (the rest are Spark's). */
    private static List<String> mavenVmOptions() throws IOException {
        return List.of(Files.readAllLines(Path.of(".mvn/jvm.config")).get(0).trim().split("\\s+"));
    }

    @Test
    void everyExperimentMainHasAnIntellijAndAnEclipseConfiguration() throws Exception {
        List<String> mains = experimentMains();
        assertTrue(mains.size() >= 6, "experiment mains: " + mains);
        for (String main : mains) {
            Document idea = xml(Path.of(".run", main + ".run.xml"));
            Element conf = (Element) idea.getElementsByTagName("configuration").item(0);
            assertEquals("Application", conf.getAttribute("type"), main);
            assertEquals("rnnsuite.experiments." + main, option(idea, "option", "name", "MAIN_CLASS_NAME"), main);
            assertEquals("$PROJECT_DIR$", option(idea, "option", "name", "WORKING_DIRECTORY"), main);
            assertVmOptions(option(idea, "option", "name", "VM_PARAMETERS"), main + ".run.xml");

            Document eclipse = xml(Path.of("ide", "eclipse", main + ".launch"));
            assertEquals("rnnsuite.experiments." + main, option(eclipse, "stringAttribute", "key", "org.eclipse.jdt.launching.MAIN_TYPE"));
            assertEquals("${project_loc:rnn-suite}", option(eclipse, "stringAttribute", "key", "org.eclipse.jdt.launching.WORKING_DIRECTORY"));
            assertVmOptions(option(eclipse, "stringAttribute", "key", "org.eclipse.jdt.launching.VM_ARGUMENTS"), main + ".launch");
        }
    }

    @Test
    void everyCellHasItsExperimentMain() throws Exception {
        List<String> mains = experimentMains();
        for (rnnsuite.model.Variant variant : rnnsuite.model.Variant.values()) {
            String main = ExperimentMain.mainClass(variant);
            Class.forName(main).getMethod("main", String[].class);
            assertTrue(mains.contains(main.substring(main.lastIndexOf('.') + 1)), variant + ": " + main + " among " + mains);
        }
        assertEquals(rnnsuite.model.Variant.values().length, mains.size(), "one main per cell, no stray ones: " + mains);
    }

    @Test
    void aMainWithoutTheModuleSaysTheFix() {
        String hint = ExperimentMain.missingVectorModule();
        assertTrue(hint.contains("--add-modules jdk.incubator.vector") && hint.contains(".run/"), hint);
    }

    private static void assertVmOptions(String options, String file) throws IOException {
        List<String> given = List.of(options.trim().split("\\s+"));
        List<String> expected = mavenVmOptions();
        // "--add-modules jdk.incubator.vector" is two tokens: compare as a sequence
        assertTrue(String.join(" ", given).contains(String.join(" ", expected.subList(expected.indexOf("--add-modules"), expected.indexOf("--add-modules") + 2))),
                file + " lacks the Vector API module: " + options);
        for (String option : expected) {
            assertTrue(given.contains(option), file + " lacks " + option + " (as in .mvn/jvm.config): " + options);
        }
    }

    private static Document xml(Path file) throws Exception {
        assertTrue(Files.isRegularFile(file), "missing " + file);
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static String option(Document doc, String tag, String keyAttribute, String key) {
        NodeList nodes = doc.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (key.equals(e.getAttribute(keyAttribute))) {
                return e.getAttribute("value");
            }
        }
        throw new AssertionError("no " + tag + " " + key);
    }
}
