package toothbrush.ingest.adapter.queue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The file names of the {@code dir:} queue. A job's stem is its dataset id with every byte outside
 * {@code [A-Za-z0-9_-]} percent-encoded (so {@code /}, {@code .}, NUL, {@code @} and {@code %} never appear raw,
 * and no name starts with a dot). U6: an id of up to 256 characters (1,024 bytes of UTF-8) encodes to up to
 * 3,072 characters, too long for a file name; an encoding longer than {@link #MAX_STEM_LENGTH} becomes a readable
 * prefix of it, {@code ~} and the SHA-256 of the id in hex. The encoding never yields {@code ~} (it is encoded as
 * {@code %7E}), so a hashed stem never equals an encoded one: the same id always maps to the same stem and two
 * ids to two stems (up to a SHA-256 collision). A pending, done or failed job is {@code <stem>.json}, its report {@code <stem>.report.json}, and a claimed
 * job {@code <stem>@<lease end, epoch ms>@<owner>.json}.
 */
final class JobFileNames {
    /** Longest stem: a running file name adds about 80 characters and must stay below 255 bytes. */
    static final int MAX_STEM_LENGTH = 160;

    static final String JOB_SUFFIX = ".json";
    static final String REPORT_SUFFIX = ".report.json";
    static final String REASON_SUFFIX = ".reason.txt";
    /** Separates the readable prefix of a hashed stem from the hash; never produced by the encoding. */
    static final char HASH_SEPARATOR = '~';

    private static final int HASH_HEX_LENGTH = 64;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private JobFileNames() {}

    /** The stem of a dataset id: its encoding, or a readable prefix of it plus a SHA-256 when that is too long. */
    static String stem(String datasetId) {
        byte[] utf8 = datasetId.getBytes(StandardCharsets.UTF_8);
        StringBuilder stem = new StringBuilder(Math.min(utf8.length * 3, 4 * MAX_STEM_LENGTH));
        for (byte b : utf8) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && WorkerIds.isSafe(c)) {
                stem.append(c);
            } else {
                stem.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
            if (stem.length() > MAX_STEM_LENGTH) {
                return hashed(stem, utf8);
            }
        }
        return stem.toString();
    }

    /** A readable prefix of the encoding (never cut inside a {@code %XX}), {@code ~} and the id's SHA-256. */
    private static String hashed(StringBuilder encoded, byte[] utf8) {
        int prefix = MAX_STEM_LENGTH - 1 - HASH_HEX_LENGTH;
        int percent = encoded.lastIndexOf("%", prefix - 1);
        if (percent >= 0 && percent > prefix - 3) {
            prefix = percent;
        }
        StringBuilder stem =
                new StringBuilder(MAX_STEM_LENGTH).append(encoded, 0, prefix).append(HASH_SEPARATOR);
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(utf8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        for (byte b : hash) {
            stem.append(Character.toLowerCase(HEX[(b >> 4) & 0xF])).append(Character.toLowerCase(HEX[b & 0xF]));
        }
        return stem.toString();
    }

    /** The claimed-job file name of a stem, lease end and owner (an owner has no {@code @} and no {@code .}). */
    static String running(String stem, long leaseUntilMillis, String owner) {
        return stem + '@' + leaseUntilMillis + '@' + owner + JOB_SUFFIX;
    }

    /** A claimed job's file name taken apart, or {@code null} when the name is not one. */
    static Running parseRunning(String fileName) {
        if (!fileName.endsWith(JOB_SUFFIX)) {
            return null;
        }
        String base = fileName.substring(0, fileName.length() - JOB_SUFFIX.length());
        int ownerAt = base.lastIndexOf('@');
        if (ownerAt <= 0 || ownerAt == base.length() - 1) {
            return null;
        }
        int leaseAt = base.lastIndexOf('@', ownerAt - 1);
        if (leaseAt <= 0 || leaseAt + 1 == ownerAt || ownerAt - leaseAt > 19) {
            return null;
        }
        long lease = 0;
        for (int i = leaseAt + 1; i < ownerAt; i++) {
            char c = base.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            lease = lease * 10 + (c - '0');
        }
        return new Running(base.substring(0, leaseAt), lease, base.substring(ownerAt + 1));
    }

    /** The parts of a claimed job's file name. */
    record Running(String stem, long leaseUntilMillis, String owner) {}
}
