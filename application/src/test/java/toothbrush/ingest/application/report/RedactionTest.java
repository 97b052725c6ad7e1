package toothbrush.ingest.application.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactionTest {

    @ParameterizedTest(name = "F4: {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "http://user:secret@host:8086/write?db=x | http://***@host:8086/write?db=x",
                "postgresql://ingest:pa?ss@db.internal/jobs | postgresql://***@db.internal/jobs",
                "https://token@h/x | https://***@h/x",
                "https://h/b.csv?X-Amz-Algorithm=AWS4&X-Amz-Credential=AKIA%2F20260101&X-Amz-Signature=abcdef&x=1"
                        + " | https://h/b.csv?X-Amz-Algorithm=AWS4&X-Amz-Credential=***&X-Amz-Signature=***&x=1",
                "https://h/b.csv?x-amz-security-token=T1&sig=S2&SIGNATURE=S3 | https://h/b.csv?x-amz-security-token=***&sig=***&SIGNATURE=***",
                "http://h:8086/write?db=t&u=admin&p=hunter2 | http://h:8086/write?db=t&u=admin&p=***",
                "postgresql://h/db?user=a&password=b&sslpassword=c | postgresql://h/db?user=a&password=***&sslpassword=***",
                "https://h/x#access_token=abc&state=1 | https://h/x#access_token=***&state=1",
                "https://h/x?token | https://h/x?token",
                "/srv/incoming/b.csv | /srv/incoming/b.csv",
                "file:/srv/in/b.csv | file:/srv/in/b.csv",
                "http://h/a@b/c?q=1 | http://h/a@b/c?q=1",
                "http://us%40er:x@h/ | http://***@h/",
                "postgresql://u:a/SECRET@h/db | postgresql://***@h/db",
                "https://registry/@scope/pkg | https://registry/@scope/pkg",
            })
    void F4_uris_areRedacted(String uri, String redacted) {
        assertEquals(redacted, Redaction.uri(uri));
    }

    @Test
    void F4_urisInsideText_areRedacted_andTheRestIsKept() {
        assertEquals(
                "dataset ds-1: brushing stream https://***@h/b.csv?sig=*** failed at byte 42: reset",
                Redaction.text("dataset ds-1: brushing stream https://a:b@h/b.csv?sig=zz failed at byte 42: reset"));
        assertEquals(
                "no uri here: p=secret stays (not a URI)", Redaction.text("no uri here: p=secret stays (not a URI)"));
        assertEquals(
                "\"http://***@h/\" and <https://h/?token=***>",
                Redaction.text("\"http://u:p@h/\" and <https://h/?token=t>"));
        assertNull(Redaction.text(null));
        assertNull(Redaction.uri(null));
    }
}
