package toothbrush.ingest.application.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** How exceptions are told in messages: the message or the type, never a secret (F4). */
class ThrowablesTest {

    @Test
    void describe_isTheMessage_orTheTypeWithoutOne() {
        assertEquals("connection reset", Throwables.describe(new IOException("connection reset")));
        assertEquals("EOFException", Throwables.describe(new EOFException()));
        assertEquals("EOFException", Throwables.describe(new EOFException("")));
        // a blank message says nothing either (IngestCommand's own copy did this before it used this one)
        assertEquals("EOFException", Throwables.describe(new EOFException("  ")));
    }

    @Test
    void describeWithType_namesTheType_andTheNearestMessage() {
        assertEquals("IOException: timed out", Throwables.describeWithType(new IOException("timed out")));
        assertEquals(
                "IOException: deep",
                Throwables.describeWithType(new IOException((String) null, new IOException("deep"))));
        assertEquals("ConnectException: connection refused", Throwables.describeWithType(new ConnectException()));
        assertEquals(
                "IOException: EOFException",
                Throwables.describeWithType(new IOException((String) null, new EOFException())));
        assertEquals("IOException", Throwables.describeWithType(new IOException((String) null)));
    }

    @Test
    void F4_urisInMessages_areRedacted() {
        IOException e = new IOException("redirect to https://me:pw@h/x?sig=abc");
        assertEquals("redirect to https://***@h/x?sig=***", Throwables.describe(e));
        assertEquals("IOException: redirect to https://***@h/x?sig=***", Throwables.describeWithType(e));
    }
}
