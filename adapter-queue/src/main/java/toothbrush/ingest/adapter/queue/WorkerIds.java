package toothbrush.ingest.adapter.queue;

import java.util.concurrent.ThreadLocalRandom;

/** Makes the worker ids that name a queue's lease owners: host, process id and a random suffix. */
final class WorkerIds {
    private static final int MAX_HOST_LENGTH = 40;

    private WorkerIds() {}

    /** A new id, unique per queue instance, of the characters {@code [A-Za-z0-9_-]} only. */
    static String generate() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            host = System.getenv("COMPUTERNAME");
        }
        if (host == null || host.isBlank()) {
            host = "worker";
        }
        return sanitize(host)
                + '-'
                + ProcessHandle.current().pid()
                + '-'
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0x1000000));
    }

    /** The id with every character outside {@code [A-Za-z0-9_-]} replaced by {@code _}, at most 40 long. */
    static String sanitize(String id) {
        StringBuilder safe = new StringBuilder(Math.min(id.length(), MAX_HOST_LENGTH));
        for (int i = 0; i < id.length() && safe.length() < MAX_HOST_LENGTH; i++) {
            char c = id.charAt(i);
            safe.append(isSafe(c) ? c : '_');
        }
        return safe.length() == 0 ? "worker" : safe.toString();
    }

    static boolean isSafe(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
