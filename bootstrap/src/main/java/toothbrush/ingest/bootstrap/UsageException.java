package toothbrush.ingest.bootstrap;

import java.util.function.Supplier;

/**
 * The command line cannot be run as given: a flag or variable value out of range, an unsupported {@code --db} or
 * {@code --queue} URI, an invalid id (U6). Thrown by option parsing and validation only, and the one exception
 * {@link Main} turns into exit status 2 with its message on standard error; any other exception, an
 * {@link IllegalArgumentException} from a bug included, exits 1.
 */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }

    UsageException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Runs a validation of values the user gave (a settings builder, a URI check, an id), whose
     * {@link IllegalArgumentException} means a value is wrong, and returns its result.
     *
     * @throws UsageException with the validation's message when it refuses a value
     */
    static <T> T check(Supplier<T> validation) {
        try {
            return validation.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /** As {@link #check(Supplier)}, for a validation that returns nothing. */
    static void verify(Runnable validation) {
        check(() -> {
            validation.run();
            return null;
        });
    }
}
