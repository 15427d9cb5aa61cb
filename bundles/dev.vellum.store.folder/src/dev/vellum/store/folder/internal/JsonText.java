package dev.vellum.store.folder.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * UTF-8 JSON text in the folder layout, written straight into a byte array: the same bytes as a
 * Jackson generator with {@link StablePrettyPrinter} (two-space indents, {@code "key": value}, arrays
 * of scalars on one line, objects asked for on one line, Jackson's escapes and Jackson's
 * {@code BigDecimal.toString()} numbers), several times faster. Item files are written with it
 * because encoding them was the largest part of a big import; {@code ItemCodecLayoutTest} pins the
 * bytes to what the generator wrote.
 */
final class JsonText {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private byte[] buf;
    private int len;

    JsonText(int capacity) {
        buf = new byte[Math.max(64, capacity)];
    }

    /** The text written so far. */
    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(len + more, buf.length * 2));
        }
    }

    /** One ASCII character. */
    JsonText raw(char c) {
        ensure(1);
        buf[len++] = (byte) c;
        return this;
    }

    /** ASCII text as it is (punctuation, known field names with their quotes). */
    JsonText raw(String ascii) {
        int n = ascii.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    /** A line break and the indent of {@code level}. */
    JsonText newline(int level) {
        ensure(1 + 2 * level);
        buf[len++] = '\n';
        for (int i = 0; i < 2 * level; i++) {
            buf[len++] = ' ';
        }
        return this;
    }

    /** {@code "name": } for a field of an object: on its own line at {@code level}, or after ", " when {@code level < 0} (one-line objects). */
    JsonText field(String name, boolean first, int level) {
        if (!first) {
            raw(',');
            if (level < 0) {
                raw(' ');
            }
        }
        if (level >= 0) {
            newline(level);
        }
        string(name);
        ensure(2);
        buf[len++] = ':';
        buf[len++] = ' ';
        return this;
    }

    /** A string with Jackson's escapes: quote, backslash, control characters and (each half of) surrogate pairs. */
    JsonText string(String s) {
        int n = s.length();
        // at most 6 bytes a character (an escape), so one check for the whole string
        ensure(6 * n + 2);
        buf[len++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    buf[len++] = (byte) c;
                    continue;
                }
                buf[len++] = '\\';
                switch (c) {
                    case '"' -> buf[len++] = '"';
                    case '\\' -> buf[len++] = '\\';
                    case '\b' -> buf[len++] = 'b';
                    case '\t' -> buf[len++] = 't';
                    case '\f' -> buf[len++] = 'f';
                    case '\n' -> buf[len++] = 'n';
                    case '\r' -> buf[len++] = 'r';
                    default -> unicodeEscape(c);
                }
            } else if (c < 0x800) {
                buf[len++] = (byte) (0xC0 | (c >> 6));
                buf[len++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                buf[len++] = '\\';
                unicodeEscape(c);
            } else {
                buf[len++] = (byte) (0xE0 | (c >> 12));
                buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[len++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        buf[len++] = '"';
        return this;
    }

    private void unicodeEscape(char c) {
        buf[len++] = 'u';
        buf[len++] = HEX[(c >> 12) & 0xF];
        buf[len++] = HEX[(c >> 8) & 0xF];
        buf[len++] = HEX[(c >> 4) & 0xF];
        buf[len++] = HEX[c & 0xF];
    }

    /** A whole number. */
    JsonText number(long v) {
        if (v == Long.MIN_VALUE) {
            return raw(Long.toString(v));
        }
        ensure(20);
        if (v < 0) {
            buf[len++] = '-';
            v = -v;
        }
        digits(v, 0);
        return this;
    }

    /** The digits of {@code v >= 0}, padded with zeros in front to at least {@code width}. */
    private void digits(long v, int width) {
        int n = 1;
        for (long t = v; t >= 10; t /= 10) {
            n++;
        }
        int w = Math.max(n, width);
        ensure(w);
        int end = len + w;
        for (int i = end - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        len = end;
    }

    /**
     * A decimal exactly as {@link BigDecimal#toString()} writes it (which is what Jackson writes):
     * plain when the scale is not negative and the exponent not below -6, else scientific, which is
     * left to the JDK.
     */
    JsonText number(BigDecimal d) {
        int scale = d.scale();
        int precision = d.precision();
        if (scale < 0 || scale > 18 || precision > 18 || precision - 1 - scale < -6) {
            return raw(d.toString());
        }
        long unscaled = d.unscaledValue().longValue();
        ensure(precision + scale + 3);
        if (unscaled < 0) {
            buf[len++] = '-';
            unscaled = -unscaled;
        }
        if (scale == 0) {
            digits(unscaled, 0);
            return this;
        }
        long pow = 1;
        for (int i = 0; i < scale; i++) {
            pow *= 10;
        }
        digits(unscaled / pow, 0);
        buf[len++] = '.';
        digits(unscaled % pow, scale);
        return this;
    }

    /**
     * A JSON-shaped value as the model holds it. On one line when {@code level < 0}; otherwise
     * laid out with objects and arrays of containers over several lines, starting at {@code level}.
     *
     * @throws FormatProblem for a value that is not JSON-shaped
     */
    JsonText value(Object v, int level) {
        if (v == null) {
            return raw("null");
        } else if (v instanceof String s) {
            return string(s);
        } else if (v instanceof Boolean b) {
            return raw(b ? "true" : "false");
        } else if (v instanceof Integer i) {
            return number(i.longValue());
        } else if (v instanceof Long l) {
            return number(l.longValue());
        } else if (v instanceof BigDecimal bd) {
            return number(bd);
        } else if (v instanceof BigInteger bi) {
            return raw(bi.toString());
        } else if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                return raw("{}");
            }
            raw('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                field(String.valueOf(e.getKey()), first, level < 0 ? -1 : level + 1);
                first = false;
                value(e.getValue(), level < 0 ? -1 : level + 1);
            }
            if (level >= 0) {
                newline(level);
            }
            return raw('}');
        } else if (v instanceof List<?> l) {
            boolean inline = level < 0 || allScalars(l);
            raw('[');
            boolean first = true;
            for (Object o : l) {
                if (!first) {
                    raw(',');
                    if (inline) {
                        raw(' ');
                    }
                }
                first = false;
                if (!inline) {
                    newline(level + 1);
                }
                value(o, inline ? -1 : level + 1);
            }
            if (!inline && !l.isEmpty()) {
                newline(level);
            }
            return raw(']');
        }
        throw new FormatProblem("a " + v.getClass().getName() + " is not a JSON value");
    }

    private static boolean allScalars(List<?> l) {
        for (Object o : l) {
            if (o instanceof Map || o instanceof List) {
                return false;
            }
        }
        return true;
    }
}
