package rnnsuite.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What a clone shows works from the clone: every script, style sheet and page a committed report or index loads
 * or links is in git (a report whose plotly.js git ignores opens with every chart blank).
 */
class CommittedReportsTest {

    private static final Pattern REFERENCE = Pattern.compile("(?:<script[^>]*\\ssrc|<link[^>]*\\shref|<a[^>]*\\shref)=\"([^\"#?]+)[^\"]*\"");

    private static List<String> git(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "git " + String.join(" ", args) + " (run the tests in a clone): " + out);
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    /** The files a page loads or links on disk (not web addresses, not anchors), resolved against the page's folder. */
    static List<Path> referencedFiles(Path page, String html) {
        List<Path> files = new ArrayList<>();
        Matcher m = REFERENCE.matcher(html);
        while (m.find()) {
            String target = m.group(1);
            if (!target.matches("^[a-z][a-z0-9+.-]*:.*")) { // http:, https:, data:, mailto:
                files.add(page.getParent().resolve(target).normalize());
            }
        }
        return files;
    }

    @Test
    void everyFileACommittedReportLoadsOrLinksIsInGit() throws Exception {
        Set<String> tracked = Set.copyOf(git("ls-files", "results"));
        List<String> pages = tracked.stream().filter(f -> f.endsWith(".html")).sorted().toList();
        assertTrue(pages.contains("results/reference/index.html"), "the index of committed studies is in git");
        assertTrue(pages.size() > 1, "committed reports: " + pages);
        List<String> missing = new ArrayList<>();
        int references = 0;
        for (String page : pages) {
            Path file = Path.of(page);
            for (Path target : referencedFiles(file, Files.readString(file))) {
                references++;
                if (!tracked.contains(target.toString().replace('\\', '/'))) {
                    missing.add(page + " → " + target);
                }
            }
        }
        assertTrue(missing.isEmpty(), "committed pages load or link files git does not hold:\n"
                + missing.stream().collect(Collectors.joining("\n")));
        assertTrue(references >= pages.size(), "every report loads plotly.js; the index links each report");
    }

    @Test
    void scriptsStyleSheetsAndLinksAreFoundButWebAddressesAreNot() {
        Path page = Path.of("results", "reference", "cells", "report.html");
        String html = "<script src=\"../plotly.js\"></script><link rel=\"stylesheet\" href=\"style.css\">"
                + "<a href=\"runs/a/result.json#x\">a</a><a href=\"#top\">top</a><script src=\"https://cdn.plot.ly/p.js\"></script>";
        List<Path> found = referencedFiles(page, html);
        assertEquals(List.of(Path.of("results/reference/plotly.js"), Path.of("results/reference/cells/style.css"),
                Path.of("results/reference/cells/runs/a/result.json")), found);
        assertFalse(found.stream().anyMatch(p -> p.toString().contains("cdn")));
    }
}
