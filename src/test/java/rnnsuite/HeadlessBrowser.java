package rnnsuite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A page as a real browser draws it: Debian's Chromium, headless, from the file system, its DOM after the scripts ran.
 * Where no Chromium is installed (it is not part of the build) the tests that need one are skipped.
 */
public final class HeadlessBrowser {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private HeadlessBrowser() {
    }

    public static boolean available() {
        return Files.isExecutable(CHROMIUM);
    }

    /** The page's DOM once its scripts have run (up to 20 s of the page's own time). */
    public static String render(Path page, Path scratch) throws IOException, InterruptedException {
        // no background networking: this machine's closed network refuses Chromium's own connections
        List<String> cmd = List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--allow-file-access-from-files", "--user-data-dir=" + scratch.toAbsolutePath(), "--virtual-time-budget=20000",
                "--dump-dom", page.toAbsolutePath().toUri().toString());
        Path out = Files.createTempFile(scratch.getParent(), "dom", ".html");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("Chromium did not finish drawing " + page);
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** The charts a report asks plotly.js to draw, and how many the browser drew. */
    public static Charts charts(Path page, Path scratch) throws IOException, InterruptedException {
        String source = Files.readString(page, StandardCharsets.UTF_8);
        String dom = render(page, scratch);
        return new Charts(count(source, "Plotly.newPlot("), count(dom, "class=\"plot-container plotly\""));
    }

    public record Charts(int asked, int drawn) {
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
