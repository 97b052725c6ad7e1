package toothbrush.ingest.adapter.queue;

import java.nio.charset.StandardCharsets;

/**
 * The file names of the {@code dir:} queue. A job's stem is its dataset id with every byte outside
 * {@code [A-Za-z0-9_-]} percent-encoded (so {@code /}, {@code .}, {@code @} and {@code %} never appear raw);
 * a pending, done or failed job is {@code <stem>.json}, its report {@code <stem>.report.json}, and a claimed
 * job {@code <stem>@<lease end, epoch ms>@<owner>.json}.
 */
final class JobFileNames {
    /** Longest stem: a running file name adds about 80 characters and must stay below 255 bytes. */
    static final int MAX_STEM_LENGTH = 160;
    static final String JOB_SUFFIX = ".json";
    static final String REPORT_SUFFIX = ".report.json";
    static final String REASON_SUFFIX = ".reason.txt";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private JobFileNames() {
    }

    /**
     * The stem of a dataset id.
     *
     * @throws IllegalArgumentException when the encoded id is longer than {@link #MAX_STEM_LENGTH}
     */
    static String stem(String datasetId) {
        StringBuilder stem = new StringBuilder(datasetId.length() + 8);
        for (byte b : datasetId.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && WorkerIds.isSafe(c)) {
                stem.append(c);
            } else {
                stem.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
        if (stem.length() > MAX_STEM_LENGTH) {
            throw new IllegalArgumentException("dataset id '" + datasetId + "' is too long for a dir: queue: its"
                    + " file name would be " + stem.length() + " characters, at most " + MAX_STEM_LENGTH
                    + " are allowed");
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
    record Running(String stem, long leaseUntilMillis, String owner) {
    }
}
