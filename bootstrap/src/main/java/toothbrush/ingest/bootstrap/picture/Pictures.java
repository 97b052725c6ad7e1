package toothbrush.ingest.bootstrap.picture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import toothbrush.ingest.application.report.IngestReport;

/** V10, V11: where a page goes and how it gets there: a safe file name per dataset, written atomically. */
public final class Pictures {

    /** A file name longer than this is cut and completed with a hash of the whole id. */
    static final int MAX_NAME = 200;
    /** How much of the encoded id a cut name keeps. */
    static final int CUT_NAME = 150;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Pictures() {}

    /**
     * V10: {@code <name>.html} for a dataset id: ASCII letters, digits, {@code -}, {@code _} and {@code .} (but
     * not a leading one) stay, every other character becomes its UTF-8 bytes as {@code %XX}; a name longer than
     * {@value #MAX_NAME} characters keeps the encoded characters that fit in {@value #CUT_NAME} and adds {@code ~}
     * and 16 hex digits of SHA-256 over the id (UTF-8). Distinct ids give distinct names; a name is never {@code .} or {@code ..}, never
     * holds a {@code /} and never starts with a dot.
     */
    public static String fileName(String datasetId) {
        Objects.requireNonNull(datasetId, "datasetId");
        if (datasetId.isEmpty()) {
            throw new IllegalArgumentException("a dataset id is never empty (U6)");
        }
        StringBuilder name = new StringBuilder(datasetId.length() + 16);
        // Each character's piece, so that a cut name ends between characters.
        int[] pieceEnds = new int[datasetId.length() + 1];
        int pieces = 0;
        for (int i = 0; i < datasetId.length(); ) {
            int codePoint = datasetId.codePointAt(i);
            boolean kept = (codePoint >= 'a' && codePoint <= 'z')
                    || (codePoint >= 'A' && codePoint <= 'Z')
                    || (codePoint >= '0' && codePoint <= '9')
                    || codePoint == '-'
                    || codePoint == '_'
                    || (codePoint == '.' && i > 0);
            if (kept) {
                name.append((char) codePoint);
            } else {
                for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
                    name.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
                }
            }
            pieceEnds[pieces++] = name.length();
            i += Character.charCount(codePoint);
        }
        if (name.length() > MAX_NAME) {
            int cut = 0;
            for (int p = 0; p < pieces && pieceEnds[p] <= CUT_NAME; p++) {
                cut = pieceEnds[p];
            }
            name.setLength(cut);
            name.append('~').append(HexFormat.of().formatHex(sha256(datasetId.getBytes(StandardCharsets.UTF_8)), 0, 8));
        }
        return name.append(".html").toString();
    }

    /** V10: writes the page of {@code report} to {@code directory}/{@link #fileName}, atomically; returns the file. */
    public static Path writeInto(Path directory, IngestReport report) throws IOException {
        Path file = directory.resolve(fileName(report.datasetId()));
        write(file, PicturePage.html(report));
        return file;
    }

    /**
     * Writes {@code html} to {@code file} so that a reader sees the old file or the whole new one, never part of
     * one: a temporary file in the same directory, flushed to the disk, then moved over {@code file} in one
     * step ({@link StandardCopyOption#ATOMIC_MOVE}). The temporary file is removed when anything fails.
     */
    public static void write(Path file, String html) throws IOException {
        Path target = file.toAbsolutePath();
        Path directory = target.getParent();
        Path temporary = directory.resolve("." + UUID.randomUUID() + ".html.tmp");
        boolean moved = false;
        try {
            try (FileChannel channel =
                    FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(html.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
