package dev.vellum.store.folder.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import java.io.IOException;
import java.util.Arrays;

/**
 * Lays out project files so that they diff well in git: two-space indents, {@code "key": value},
 * {@code \n} line ends on every platform, one object entry or array element per line, except arrays
 * that hold only scalars ({@code [12.5, 40, 100, 80]}), which stay on one line, and objects asked
 * for on one line ({@link #flatNextObject()}: annotations, so that a set of 100,000 of them is
 * 100,000 lines rather than two million, still one line per annotation in a diff). One instance per
 * document: it tracks nesting.
 */
final class StablePrettyPrinter implements PrettyPrinter {
    private static final String SPACES = " ".repeat(128);
    private int level;
    private boolean[] inline = new boolean[16];
    private int arrayDepth;
    private boolean inlineNext;
    /** Containers open inside an object written on one line; 0 outside one. */
    private int flat;
    private boolean flatNext;

    /** Makes the next object start print on one line with all it holds: {@code {"a": 1, "b": [2, 3]}}. */
    void flatNextObject() {
        flatNext = true;
    }

    /** Makes the next array start print on one line; call only for arrays of scalars. */
    void inlineNextArray() {
        inlineNext = true;
    }

    @Override
    public void writeRootValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw('\n');
    }

    @Override
    public void writeStartObject(JsonGenerator g) throws IOException {
        if (flat > 0 || flatNext) {
            flat++;
            flatNext = false;
            g.writeRaw('{');
            return;
        }
        g.writeRaw('{');
        level++;
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) throws IOException {
        if (flat > 0) {
            return;
        }
        newline(g);
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
        // two chars rather than a String: the generator copies a String through a buffer each time
        g.writeRaw(':');
        g.writeRaw(' ');
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
        if (flat > 0) {
            g.writeRaw(',');
            g.writeRaw(' ');
            return;
        }
        g.writeRaw(',');
        newline(g);
    }

    @Override
    public void writeEndObject(JsonGenerator g, int entries) throws IOException {
        if (flat > 0) {
            flat--;
            g.writeRaw('}');
            return;
        }
        level--;
        if (entries > 0) {
            newline(g);
        }
        g.writeRaw('}');
    }

    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
        if (flat > 0) {
            flat++;
            inlineNext = false;
            g.writeRaw('[');
            return;
        }
        if (arrayDepth == inline.length) {
            inline = Arrays.copyOf(inline, arrayDepth * 2);
        }
        inline[arrayDepth++] = inlineNext;
        if (!inlineNext) {
            level++;
        }
        inlineNext = false;
        g.writeRaw('[');
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
        if (flat > 0) {
            return;
        }
        if (!inline[arrayDepth - 1]) {
            newline(g);
        }
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
        if (flat > 0 || inline[arrayDepth - 1]) {
            g.writeRaw(',');
            g.writeRaw(' ');
        } else {
            g.writeRaw(',');
            newline(g);
        }
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
        if (flat > 0) {
            flat--;
            g.writeRaw(']');
            return;
        }
        if (!inline[--arrayDepth]) {
            level--;
            if (values > 0) {
                newline(g);
            }
        }
        g.writeRaw(']');
    }

    private void newline(JsonGenerator g) throws IOException {
        g.writeRaw('\n');
        int n = level * 2;
        while (n > 0) {
            int k = Math.min(n, SPACES.length());
            g.writeRaw(SPACES, 0, k);
            n -= k;
        }
    }
}
