package dev.vellum.modality.image.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.vellum.modality.image.codec.CocoRle;

class CocoRleTest {
    @Test
    void encodesKnownCountsAsPycocotoolsDoes() {
        // Worked by hand from maskApi.c's rleToString: 20 = 0x14 needs a continuation char because bit 4 is set.
        assertEquals("0d0n0", CocoRle.encode(new int[] {0, 20, 30}));
        // The fourth count is stored as the difference to the second: 2 - 3 = -1, one char 'O' (31 + 48).
        assertEquals("53T3O", CocoRle.encode(new int[] {5, 3, 100, 2}));
        assertEquals("", CocoRle.encode(new int[0]));
    }

    @Test
    void decodesKnownStrings() {
        assertArrayEquals(new int[] {0, 20, 30}, CocoRle.decode("0d0n0"));
        assertArrayEquals(new int[] {5, 3, 100, 2}, CocoRle.decode("53T3O"));
    }

    @Test
    void agreesWithValuesOtherCocoImplementationsPin() {
        // Negative differences (-3, -1), a zero difference, and a run needing three characters.
        int[][] counts = {{0, 6, 1, 3}, {0, 6, 1}, {0, 6, 1, 1}, {0, 6, 1, 5}, {0, 6, 1, 6}, {0, 1, 1, 2, 1, 3, 1, 4, 1}, {0, 1024}};
        String[] strings = {"061M", "061", "061K", "061O", "0610", "011101010", "0PP1"};
        for (int i = 0; i < counts.length; i++) {
            assertEquals(strings[i], CocoRle.encode(counts[i]));
            assertArrayEquals(counts[i], CocoRle.decode(strings[i]));
        }
    }

    @Test
    void roundTripsRandomCountsIncludingLargeRuns() {
        Random r = new Random(7);
        for (int t = 0; t < 500; t++) {
            int[] c = new int[1 + r.nextInt(40)];
            for (int i = 0; i < c.length; i++) {
                c[i] = r.nextInt(4) == 0 ? r.nextInt(5_000_000) : r.nextInt(64);
            }
            assertArrayEquals(c, CocoRle.decode(CocoRle.encode(c)));
        }
    }

    @Test
    void countsFollowTheColumnMajorMask() {
        // 3 x 2 mask, column-major: column 0 = (0,1,1), column 1 = (1,0,0)
        boolean[] m = {false, true, true, true, false, false};
        int[] c = CocoRle.fromMask(m);
        assertArrayEquals(new int[] {1, 3, 2}, c);
        assertArrayEquals(m, CocoRle.toMask(c, 3, 2));
        assertEquals(3, CocoRle.area(c));
        assertArrayEquals(new int[] {0, 0, 2, 3}, CocoRle.bounds(c, 3));
        assertArrayEquals(new int[] {0, 2}, CocoRle.fromMask(new boolean[] {true, true}));
    }

    @Test
    void boundsOfARunInOneColumn() {
        // h=10, w=5: 12 background then 3 foreground -> column 1, rows 2..4
        assertArrayEquals(new int[] {1, 2, 1, 3}, CocoRle.bounds(new int[] {12, 3, 35}, 10));
        assertArrayEquals(new int[] {0, 0, 0, 0}, CocoRle.bounds(new int[] {50}, 10));
    }

    @Test
    void rejectsCharactersOutsideTheCode() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CocoRle.decode("0d~"));
        assertEquals("RLE string has '~' at 2, outside '0'..'o'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CocoRle.decode("d"));
    }
}
