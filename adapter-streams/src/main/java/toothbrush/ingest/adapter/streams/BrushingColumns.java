package toothbrush.ingest.adapter.streams;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Where the brushing fields are in a CSV line and what the other columns are called (B2, B3): taken
 * from the header line, or by position when there is no header.
 */
final class BrushingColumns {
    /** Column {@code k} is one of tick, tooth, percent_clean. */
    static final int POINT = 0;
    /** Column {@code k} is a named extra column (B3). */
    static final int NAMED = 1;
    /** Column {@code k} has a name whose values are ignored (reserved or repeated name, B3). */
    static final int IGNORED = 2;
    /** Column {@code k} has no name: a non-empty value there is malformed (B3). */
    static final int UNNAMED = 3;

    /** B3: names an extra column may not take (the point's own fields and tag, and {@code time}). */
    private static final String[] RESERVED_NAMES = {
        "time", "toothbrush_id", "tick", "tooth", "percent_clean", "dataset_id"
    };

    private static final String[] TICK_NAMES = {"tick"};
    private static final String[] TOOTH_NAMES = {"tooth", "tooth_index"};
    private static final String[] PERCENT_NAMES = {"percent_clean", "clean", "percent"};

    /** No header: tick, tooth, percent_clean by position, no named columns. */
    static final BrushingColumns POSITIONAL = new BrushingColumns(null, 0, 1, 2, new int[0], new String[0]);

    private final byte[] headerText;
    final int tickColumn;
    final int toothColumn;
    final int percentColumn;
    /** Fields a line needs: one past the rightmost of the three columns. */
    final int needed;
    /** Columns {@code 0 .. leadingPointColumns - 1} are all {@link #POINT}: a line's B3 check starts after them. */
    final int leadingPointColumns;

    private final int[] roles;
    private final String[] names;

    private BrushingColumns(
            byte[] headerText, int tickColumn, int toothColumn, int percentColumn, int[] roles, String[] names) {
        this.headerText = headerText;
        this.tickColumn = tickColumn;
        this.toothColumn = toothColumn;
        this.percentColumn = percentColumn;
        this.needed = Math.max(tickColumn, Math.max(toothColumn, percentColumn)) + 1;
        this.roles = roles;
        this.names = names;
        int k = 0;
        while (role(k) == POINT) {
            k++;
        }
        this.leadingPointColumns = k;
    }

    /**
     * The columns a header line names (B2): by name when tick, tooth and percent_clean are all found
     * (leftmost match wins), else by position.
     *
     * @param trimmedText the header line's trimmed bytes as read (before B1 unquoting)
     * @param fields the header line's fields, tokenized over {@code b}
     */
    static BrushingColumns fromHeader(byte[] trimmedText, byte[] b, CsvLineTokenizer fields) {
        int n = fields.count();
        String[] names = new String[n];
        for (int k = 0; k < n; k++) {
            names[k] = new String(b, fields.start(k), fields.end(k) - fields.start(k), StandardCharsets.UTF_8);
        }
        int tick = find(names, TICK_NAMES);
        int tooth = find(names, TOOTH_NAMES);
        int percent = find(names, PERCENT_NAMES);
        if (tick < 0 || tooth < 0 || percent < 0) {
            tick = 0;
            tooth = 1;
            percent = 2;
        }
        int[] roles = new int[n];
        Set<String> earlierNames = new HashSet<>();
        for (int k = 0; k < n; k++) {
            boolean repeated = !names[k].isEmpty() && !earlierNames.add(names[k]);
            if (k == tick || k == tooth || k == percent) {
                roles[k] = POINT;
            } else if (names[k].isEmpty()) {
                roles[k] = UNNAMED;
            } else if (repeated || isReserved(names[k]) || hasControlCharacter(names[k])) {
                roles[k] = IGNORED;
            } else {
                roles[k] = NAMED;
            }
        }
        return new BrushingColumns(trimmedText, tick, tooth, percent, roles, names);
    }

    private static int find(String[] names, String[] candidates) {
        for (int k = 0; k < names.length; k++) {
            for (String candidate : candidates) {
                if (names[k].equalsIgnoreCase(candidate) && isAscii(names[k])) {
                    return k;
                }
            }
        }
        return -1;
    }

    /** L7: case-insensitive means ASCII letters only ({@code equalsIgnoreCase} also folds e.g. the Kelvin sign). */
    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean isReserved(String name) {
        for (String reserved : RESERVED_NAMES) {
            if (reserved.equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasControlCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < 0x20) {
                return true;
            }
        }
        return false;
    }

    /** What column {@code k} is: {@link #POINT}, {@link #NAMED}, {@link #IGNORED} or {@link #UNNAMED}. */
    int role(int k) {
        if (k == tickColumn || k == toothColumn || k == percentColumn) {
            return POINT;
        }
        return k < roles.length ? roles[k] : UNNAMED;
    }

    /** The name of a {@link #NAMED} column. */
    String name(int k) {
        return names[k];
    }

    /**
     * B2: true if the trimmed line {@code b[from, to)} equals the header's trimmed text, ASCII letters
     * compared case-insensitively. Always false without a header.
     */
    boolean isRepeatedHeader(byte[] b, int from, int to) {
        byte[] h = headerText;
        if (h == null || to - from != h.length) {
            return false;
        }
        for (int i = 0; i < h.length; i++) {
            int x = b[from + i];
            int y = h[i];
            if (x != y && toLowerAscii(x) != toLowerAscii(y)) {
                return false;
            }
        }
        return true;
    }

    private static int toLowerAscii(int c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }
}
