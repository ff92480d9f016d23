package rnnsuite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layout shows the architecture: packages depend only on packages below them, in this order, and no classes
 * depend on each other in a cycle. Read from the sources: a class depends on every suite class it names in code
 * (comments and strings aside) from its own package or through an import or a qualified name.
 */
class ArchitectureTest {

    /** Bottom to top: a package may use the ones before it. */
    static final List<String> LAYERS = List.of("runtime", "io", "data", "model.fast", "model", "train", "report",
            "experiments.search", "experiments", "bench", "cli");

    private static final Path SOURCES = Path.of("src", "main", "java");
    private static final Pattern IMPORT = Pattern.compile("import (rnnsuite\\.[\\w.]+);");
    private static final Pattern NAME = Pattern.compile("\\b[A-Z]\\w*\\b");
    private static final Pattern QUALIFIED = Pattern.compile("\\brnnsuite(?:\\.[a-z]\\w*)+\\.[A-Z]\\w*");

    /** Every top-level class by fully qualified name, with the suite classes it depends on. */
    static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Path> classes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String name = SOURCES.relativize(file).toString().replace('/', '.').replace('\\', '.');
                classes.put(name.substring(0, name.length() - ".java".length()), file);
            }
        }
        Map<String, List<String>> bySimpleName = new HashMap<>();
        classes.keySet().forEach(c -> bySimpleName.computeIfAbsent(simple(c), k -> new ArrayList<>()).add(c));
        Map<String, Set<String>> deps = new TreeMap<>();
        for (Map.Entry<String, Path> c : classes.entrySet()) {
            String code = code(Files.readString(c.getValue()));
            Set<String> imports = new LinkedHashSet<>();
            Matcher im = IMPORT.matcher(code);
            while (im.find()) {
                imports.add(im.group(1));
            }
            String body = IMPORT.matcher(code).replaceAll("");
            Set<String> uses = new TreeSet<>();
            Matcher n = NAME.matcher(body);
            while (n.find()) {
                for (String candidate : bySimpleName.getOrDefault(n.group(), List.of())) {
                    if (!candidate.equals(c.getKey()) && (pkg(candidate).equals(pkg(c.getKey())) || imports.contains(candidate))) {
                        uses.add(candidate);
                    }
                }
            }
            Matcher q = QUALIFIED.matcher(body);
            while (q.find()) {
                if (classes.containsKey(q.group()) && !q.group().equals(c.getKey())) {
                    uses.add(q.group());
                }
            }
            deps.put(c.getKey(), uses);
        }
        return deps;
    }

    /** The source without comments and the contents of strings, text blocks and characters. */
    static String code(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = end < 0 ? source.length() : end; // the line break stays
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 2;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                out.append("\"\"");
                i = end < 0 ? source.length() : end + 3;
            } else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
                char quote = source.charAt(i);
                int j = i + 1;
                while (j < source.length() && source.charAt(j) != quote) {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                out.append(quote).append(quote);
                i = j + 1;
            } else {
                out.append(source.charAt(i++));
            }
        }
        return out.toString();
    }

    private static String simple(String c) {
        return c.substring(c.lastIndexOf('.') + 1);
    }

    private static String pkg(String c) {
        return c.substring(0, c.lastIndexOf('.'));
    }

    private static int layer(String c) {
        String p = pkg(c).substring("rnnsuite".length()).replaceFirst("^\\.", "");
        return LAYERS.indexOf(p);
    }

    @Test
    void everyPackageIsALayerAndUsesOnlyTheLayersBelowIt() throws IOException {
        Map<String, Set<String>> deps = dependencies();
        assertTrue(deps.size() > 50, "the sources were found: " + deps.size());
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Set<String>> c : deps.entrySet()) {
            int from = layer(c.getKey());
            if (from < 0) {
                wrong.add(c.getKey() + " is in no layer of " + LAYERS);
                continue;
            }
            for (String used : c.getValue()) {
                if (layer(used) > from) {
                    wrong.add(c.getKey() + " uses " + used + ", a layer above it");
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void noClassesDependOnEachOtherInACycle() throws IOException {
        List<Set<String>> cycles = cycles(dependencies());
        assertTrue(cycles.isEmpty(), "classes in a cycle: " + cycles);
    }

    @Test
    void theCheckFindsACycleAndAnUpwardUse() {
        Map<String, Set<String>> graph = Map.of("a.A", Set.of("a.B"), "a.B", Set.of("a.C"), "a.C", Set.of("a.A"), "a.D", Set.of("a.A"));
        assertEquals(List.of(new TreeSet<>(Set.of("a.A", "a.B", "a.C"))), cycles(graph));
        assertEquals(" class X { \n String s = \"\"; char c = ''; }",
                code("/** A {@link Y} */ class X { // Z\n String s = \"Y \\\" Z\"; char c = '\\''; }"));
        assertTrue(layer("rnnsuite.cli.Main") > layer("rnnsuite.experiments.PlanRunner"));
        assertTrue(layer("rnnsuite.model.Variant") > layer("rnnsuite.model.fast.RecurrentCell"));
    }

    /** The strongly connected components of more than one class (Tarjan's algorithm, iterative). */
    static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new java.util.HashSet<>();
        List<Set<String>> found = new ArrayList<>();
        int[] counter = {0};
        for (String start : new TreeSet<>(graph.keySet())) {
            if (index.containsKey(start)) {
                continue;
            }
            Deque<Object[]> work = new ArrayDeque<>();
            work.push(new Object[] {start, new ArrayList<>(graph.getOrDefault(start, Set.of())).iterator()});
            index.put(start, counter[0]);
            low.put(start, counter[0]++);
            stack.push(start);
            onStack.add(start);
            while (!work.isEmpty()) {
                Object[] frame = work.peek();
                String v = (String) frame[0];
                @SuppressWarnings("unchecked")
                java.util.Iterator<String> next = (java.util.Iterator<String>) frame[1];
                if (next.hasNext()) {
                    String w = next.next();
                    if (!index.containsKey(w)) {
                        index.put(w, counter[0]);
                        low.put(w, counter[0]++);
                        stack.push(w);
                        onStack.add(w);
                        work.push(new Object[] {w, new ArrayList<>(graph.getOrDefault(w, Set.of())).iterator()});
                    } else if (onStack.contains(w)) {
                        low.put(v, Math.min(low.get(v), index.get(w)));
                    }
                    continue;
                }
                work.pop();
                if (!work.isEmpty()) {
                    String parent = (String) work.peek()[0];
                    low.put(parent, Math.min(low.get(parent), low.get(v)));
                }
                if (low.get(v).equals(index.get(v))) {
                    Set<String> component = new TreeSet<>();
                    String w;
                    do {
                        w = stack.pop();
                        onStack.remove(w);
                        component.add(w);
                    } while (!w.equals(v));
                    if (component.size() > 1) {
                        found.add(component);
                    }
                }
            }
        }
        return found;
    }
}
