package rnnsuite.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** A second JVM that takes a folder's lock and sleeps until it is killed: another process holding the folder. */
public final class LockHolder {

    public static void main(String[] args) throws InterruptedException {
        try {
            FolderLock.acquire(Path.of(args[0]), args[1], "wait");
        } catch (IllegalArgumentException e) {
            System.out.println("refused: " + e.getMessage());
            System.exit(1);
        }
        System.out.println("locked");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Starts the holder on {@code dir} and returns once it holds the lock. */
    public static Process start(Path dir, String command) throws IOException {
        Process p = launch(dir, command);
        String line = answer(p);
        if (!"locked".equals(line)) {
            p.destroyForcibly();
            throw new IOException("the lock holder did not start: " + line);
        }
        return p;
    }

    /** What a second JVM is told when it asks for {@code dir}'s lock and gives it back at once: "locked" or "refused: …". */
    public static String attempt(Path dir) throws IOException, InterruptedException {
        Process p = launch(dir, "attempt");
        String line = answer(p);
        kill(p);
        return line;
    }

    /** The holder's first line that answers (the JVM may say other things first, such as JAVA_TOOL_OPTIONS). */
    private static String answer(Process p) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.equals("locked") && !line.startsWith("refused: ")) {
            // not the answer
        }
        return line;
    }

    private static Process launch(Path dir, String command) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the test's own class path (surefire's, not its booter jar's)
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new ProcessBuilder(List.of(java, "-cp", classPath, LockHolder.class.getName(), dir.toString(), command))
                .redirectErrorStream(true).start();
    }

    /** Kills the holder as kill -9 would (no shutdown hooks, no finally) and waits until it is gone. */
    public static void kill(Process p) throws InterruptedException {
        p.destroyForcibly();
        p.waitFor();
    }

    private LockHolder() {
    }
}
