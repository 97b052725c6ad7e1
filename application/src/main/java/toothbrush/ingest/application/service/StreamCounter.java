package toothbrush.ingest.application.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import toothbrush.ingest.application.report.StreamReport;
import toothbrush.ingest.domain.rules.RejectReason;

/** R5: the counts of one stream while it is read, in O(1) memory (a bounded list of rejection samples). */
final class StreamCounter {

    private static final RejectReason[] REASONS = RejectReason.values();

    private final int maxSamples;
    private final long[] rejectedByReason = new long[REASONS.length];
    private final RejectReason[] reasonsInFirstSeenOrder = new RejectReason[REASONS.length];
    private int reasonsSeen;
    private final List<StreamReport.Rejection> samples = new ArrayList<>();
    private long lines;
    private long accepted;
    private long rejected;
    private long blank;
    private long header;
    private long invalidFields;
    private long bytesRead;

    StreamCounter(int maxSamples) {
        this.maxSamples = maxSamples;
    }

    void line() {
        lines++;
    }

    void blank() {
        blank++;
    }

    void header() {
        header++;
    }

    void accepted(int droppedFields) {
        accepted++;
        invalidFields += droppedFields;
    }

    void rejected(long lineNumber, RejectReason reason, int droppedFields) {
        rejected++;
        invalidFields += droppedFields;
        int i = reason.ordinal();
        if (rejectedByReason[i]++ == 0) {
            reasonsInFirstSeenOrder[reasonsSeen++] = reason;
        }
        if (samples.size() < maxSamples) {
            samples.add(new StreamReport.Rejection(lineNumber, reason.code()));
        }
    }

    void bytesRead(long bytes) {
        bytesRead = bytes;
    }

    long lines() {
        return lines;
    }

    long accepted() {
        return accepted;
    }

    StreamReport report() {
        Map<String, Long> byReason = new LinkedHashMap<>();
        for (int i = 0; i < reasonsSeen; i++) {
            RejectReason reason = reasonsInFirstSeenOrder[i];
            byReason.put(reason.code(), rejectedByReason[reason.ordinal()]);
        }
        return new StreamReport(lines, accepted, rejected, blank, header, invalidFields, byReason, samples, bytesRead);
    }
}
