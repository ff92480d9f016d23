package rnnsuite.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import rnnsuite.io.FileTrees;

/**
 * Fetches a dataset archive once, when the user asks: the bytes go to {@code <archive>.part}, an
 * interrupted download resumes from there (HTTP Range), the finished file must match its SHA-256 (else
 * the partial file is deleted and the command says so), and only then is it renamed and unpacked
 * (into a temporary folder renamed into place, refusing entries that would leave the target folder).
 */
public final class Download {

    /** The official IMDB archive and its published SHA-256. */
    public static final URI IMDB_URL = URI.create("https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz");
    public static final String IMDB_SHA256 = "c40f74a18d3b61f90feba1e17730e0d38e8b97c05fde7008942e91923d1658fe";

    private final PrintStream out;

    public Download(PrintStream out) {
        this.out = out;
    }

    /**
     * IMDB into {@code dir}: the archive {@code dir/aclImdb_v1.tar.gz} (downloaded or resumed, verified)
     * unpacked to {@code dir/aclImdb}.
     */
    public Path imdb(URI url, String sha256, Path dir) {
        Path archive = fetch(url, dir.resolve("aclImdb_v1.tar.gz"), sha256);
        Path unpacked = unpack(archive, dir.resolve("aclImdb.unpacked"));
        Path target = dir.resolve("aclImdb");
        try {
            if (!Files.isDirectory(unpacked.resolve("aclImdb"))) {
                throw new IOException("the archive has no aclImdb/ folder");
            }
            FileTrees.deleteRecursively(target);
            Files.move(unpacked.resolve("aclImdb"), target, StandardCopyOption.ATOMIC_MOVE);
            FileTrees.deleteRecursively(unpacked);
            return target;
        } catch (IOException e) {
            FileTrees.deleteQuietly(unpacked, e);
            throw new UncheckedIOException("cannot place the unpacked IMDB in " + target + ": " + e.getMessage(), e);
        }
    }

    /** Downloads (or resumes) {@code url} into {@code archive} and checks its SHA-256; skips a verified archive. */
    public Path fetch(URI url, Path archive, String sha256) {
        try {
            Files.createDirectories(archive.toAbsolutePath().getParent());
            if (Files.isRegularFile(archive) && sha256(archive).equals(sha256)) {
                out.println(archive + " is there and verified");
                return archive;
            }
            Path part = archive.resolveSibling(archive.getFileName() + ".part");
            long have = Files.isRegularFile(part) ? Files.size(part) : 0;
            HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(30)).build();
            HttpRequest.Builder request = HttpRequest.newBuilder(url).GET();
            if (have > 0) {
                request.header("Range", "bytes=" + have + "-");
            }
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            boolean resumed = response.statusCode() == 206;
            if (response.statusCode() != 200 && !resumed) {
                response.body().close();
                throw new IOException("HTTP " + response.statusCode() + " from " + url);
            }
            long total = response.headers().firstValueAsLong("Content-Length").orElse(-1) + (resumed ? have : 0);
            out.println((resumed ? "resuming " + url + " at " + mb(have) : "downloading " + url) + " → " + archive);
            try (InputStream in = response.body();
                 OutputStream file = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                         resumed ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                copy(in, file, resumed ? have : 0, total);
            }
            String actual = sha256(part);
            if (!actual.equals(sha256)) {
                Files.delete(part);
                throw new IOException("checksum mismatch for " + url + ": expected SHA-256 " + sha256 + ", got " + actual
                        + "; the partial download was deleted, run the command again");
            }
            Files.move(part, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            out.println("verified " + archive + " (SHA-256 " + sha256 + ")");
            return archive;
        } catch (IOException e) {
            throw new UncheckedIOException("download failed: " + e.getMessage()
                    + " (an interrupted download resumes when the command is run again)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("download interrupted; run the command again to resume", e);
        }
    }

    /** Unpacks a .tar.gz into {@code target}; returns the folder. Refuses entries that escape it. */
    public Path unpack(Path archive, Path target) {
        Path staging = target.resolveSibling(target.getFileName() + ".unpacking");
        try {
            FileTrees.deleteRecursively(staging);
            Files.createDirectories(staging);
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
                    new java.io.BufferedInputStream(Files.newInputStream(archive))))) {
                TarArchiveEntry entry;
                int files = 0;
                while ((entry = tar.getNextTarEntry()) != null) {
                    Path dest = staging.resolve(entry.getName()).normalize();
                    if (!dest.startsWith(staging)) {
                        throw new IOException("archive entry " + entry.getName() + " would be written outside " + target);
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(dest);
                    } else if (entry.isFile()) {
                        Files.createDirectories(dest.getParent());
                        Files.copy(tar, dest, StandardCopyOption.REPLACE_EXISTING);
                        if (++files % 10000 == 0) {
                            out.println("  unpacked " + files + " files");
                        }
                    }
                }
            }
            FileTrees.deleteRecursively(target);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            FileTrees.deleteQuietly(staging, e); // a half-unpacked folder (a full disk) would keep the space it took
            throw new UncheckedIOException("cannot unpack " + archive + ": " + e.getMessage(), e);
        }
    }

    private void copy(InputStream in, OutputStream file, long done, long total) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long lastReport = System.nanoTime();
        int n;
        while ((n = in.read(buffer)) > 0) {
            file.write(buffer, 0, n);
            done += n;
            if (System.nanoTime() - lastReport > 5_000_000_000L) {
                lastReport = System.nanoTime();
                out.println(total > 0 ? String.format(Locale.ROOT, "  %s of %s (%.0f%%)", mb(done), mb(total), 100.0 * done / total)
                        : "  " + mb(done));
            }
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
