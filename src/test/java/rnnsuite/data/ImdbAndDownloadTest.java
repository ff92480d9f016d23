package rnnsuite.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IMDB from a fixture tree in the aclImdb layout, and the download path against a loopback HTTP server. */
class ImdbAndDownloadTest {

    @TempDir
    Path dir;
    private HttpServer server;
    private final List<String> ranges = new ArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static final Map<String, String> REVIEWS = Map.of(
            "aclImdb/train/pos/0_9.txt", "A wonderful film.<br /><br />Loved it.",
            "aclImdb/train/neg/1_2.txt", "Dull and far too long.",
            "aclImdb/test/pos/2_8.txt", "Great acting.",
            "aclImdb/test/neg/3_1.txt", "Awful.",
            "aclImdb/train/unsup/4_0.txt", "not labelled, ignored");

    private byte[] archive(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            for (var e : new java.util.TreeMap<>(files).entrySet()) {
                byte[] content = e.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(content.length);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Serves {@code body} at /a.tar.gz on 127.0.0.1, honouring "Range: bytes=N-". */
    private URI serve(byte[] body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/a.tar.gz", exchange -> {
            String range = exchange.getRequestHeaders().getFirst("Range");
            ranges.add(String.valueOf(range));
            int from = range == null ? 0 : Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
            exchange.sendResponseHeaders(range == null ? 200 : 206, body.length - from);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body, from, body.length - from);
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/a.tar.gz");
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private Download download() {
        return new Download(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @Test
    void imdbDownloadsVerifiesUnpacksAndLoads() throws Exception {
        byte[] body = archive(REVIEWS);
        Path folder = download().imdb(serve(body), sha256(body), dir);
        assertEquals(dir.resolve("aclImdb"), folder);
        assertFalse(Files.exists(dir.resolve("aclImdb_v1.tar.gz.part")), "no partial file left");
        TextCorpus corpus = ImdbCorpus.load(new DataSpec("imdb", null, null, null, null, null, null, null, folder.toString(),
                null, null, null, null));
        assertEquals(4, corpus.examples().size(), "train and test, pos and neg; unsup ignored");
        assertEquals(List.of("neg", "pos"), corpus.classes());
        assertTrue(corpus.examples().stream().anyMatch(e -> e.text().equals("A wonderful film.  Loved it.")), "<br /> removed");
        download().imdb(serve(body), sha256(body), dir); // a verified archive is not fetched again
        assertEquals(1, ranges.size());
    }

    @Test
    void anInterruptedDownloadResumesWithARangeRequest() throws Exception {
        byte[] body = archive(REVIEWS);
        Path archive = dir.resolve("x.tar.gz");
        Files.write(dir.resolve("x.tar.gz.part"), java.util.Arrays.copyOf(body, body.length / 2));
        download().fetch(serve(body), archive, sha256(body));
        assertEquals(List.of("bytes=" + body.length / 2 + "-"), ranges);
        assertTrue(java.util.Arrays.equals(body, Files.readAllBytes(archive)));
    }

    @Test
    void aWrongChecksumDeletesThePartialFileAndSaysSo() throws Exception {
        byte[] body = archive(REVIEWS);
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> download().fetch(serve(body), dir.resolve("y.tar.gz"), "0".repeat(64)));
        assertTrue(e.getMessage().contains("checksum mismatch") && e.getMessage().contains("deleted"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("y.tar.gz.part")));
        assertFalse(Files.exists(dir.resolve("y.tar.gz")));
    }

    @Test
    void anArchiveThatEscapesItsFolderIsRefused() throws Exception {
        byte[] evil = archive(Map.of("../escaped.txt", "no"));
        Path file = dir.resolve("evil.tar.gz");
        Files.write(file, evil);
        assertThrows(UncheckedIOException.class, () -> download().unpack(file, dir.resolve("out")));
        assertFalse(Files.exists(dir.resolve("escaped.txt")));
        assertFalse(Files.exists(dir.resolve("out.unpacking")), "a failed unpack leaves no half-unpacked folder");
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void aMissingImdbFolderSaysHowToGetIt() {
        String message = assertThrows(IllegalArgumentException.class, () -> ImdbCorpus.load(new DataSpec("imdb", null, null,
                null, null, null, null, null, dir.resolve("nope").toString(), null, null, null, null))).getMessage();
        assertTrue(message.contains("download imdb"), message);
    }
}
