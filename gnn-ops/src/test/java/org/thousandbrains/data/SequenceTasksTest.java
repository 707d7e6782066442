package org.thousandbrains.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The synthetic sequence tasks: what each sample holds, read back independently; determinism; bad settings. */
class SequenceTasksTest {
    @Test
    void pulseTimingClassIsTheBinOfTheGapAndA1sTimeIsFree() {
        PulseTiming task = new PulseTiming(20, 4, 2, 2);
        assertEquals(9, task.maxGap());
        Dataset d = task.generate(4000, 7, "t");
        assertEquals(40, d.dim());
        assertEquals(20, d.height());
        int[] perClass = new int[4];
        double[] meanT1 = new double[4];
        int maxT1 = 0;
        for (int i = 0; i < d.size(); i++) {
            float[] x = d.row(i);
            int a = -1;
            int b = -1;
            for (int t = 0; t < 20; t++) {
                for (int c = 0; c < 2; c++) {
                    float v = x[t * 2 + c];
                    if (v == 0f) continue;
                    assertEquals(1f, v);
                    if (c == 0) {
                        assertEquals(-1, a, "one pulse on A");
                        a = t;
                    } else {
                        assertEquals(-1, b, "one pulse on B");
                        b = t;
                    }
                }
            }
            int gap = b - a;
            assertTrue(gap >= 2 && gap <= 9, "gap " + gap);
            int want = (gap - 2) / 2;
            assertEquals(want, d.labels()[i], "sample " + i + " gap " + gap);
            perClass[want]++;
            meanT1[want] += a;
            maxT1 = Math.max(maxT1, a);
        }
        assertEquals(20 - 1 - 2, maxT1, "t1 reaches the last step that leaves room for the smallest gap");
        for (int c = 0; c < 4; c++) assertTrue(Math.abs(perClass[c] - 1000) < 120, "balanced: " + perClass[c]);
        assertArrayEquals(d.features(), task.generate(4000, 7, "again").features());
        assertTrue(meanT1[0] / perClass[0] > meanT1[3] / perClass[3], "wider gaps leave fewer start steps");
    }

    @Test
    void channelRecallWithoutNoiseHoldsOneCueInTheFirstSteps() {
        ChannelRecall task = new ChannelRecall(4, 30, 5, 0);
        Dataset d = task.generate(500, 3, "r");
        assertEquals(120, d.dim());
        for (int i = 0; i < d.size(); i++) {
            float[] x = d.row(i);
            int found = 0;
            for (int t = 0; t < 30; t++) {
                for (int c = 0; c < 4; c++) {
                    if (x[t * 4 + c] == 0f) continue;
                    assertEquals(1f, x[t * 4 + c]);
                    assertTrue(t < 5, "cue at step " + t);
                    assertEquals(d.labels()[i], c);
                    found++;
                }
            }
            assertEquals(1, found);
        }
    }

    @Test
    void channelRecallNoiseHasTheStatedSpread() {
        ChannelRecall task = new ChannelRecall(3, 40, 5, 0.2);
        Dataset d = task.generate(300, 9, "r");
        double ss = 0;
        long n = 0;
        for (int i = 0; i < d.size(); i++) {
            float[] x = d.row(i);
            for (int j = 5 * 3; j < x.length; j++) {
                ss += x[j] * x[j];
                n++;
            }
        }
        assertEquals(0.2, Math.sqrt(ss / n), 0.01);
        assertArrayEquals(d.features(), task.generate(300, 9, "again").features());
        Split s = task.split(10, 5, 1);
        assertEquals(10, s.train().size());
        assertEquals(5, s.test().size());
    }

    @Test
    void badSettingsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PulseTiming(9, 4, 2, 2)).getMessage().contains("Δ=9"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PulseTiming(20, 4, 0, 2)).getMessage().contains("minGap"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ChannelRecall(4, 10, 11, 0)).getMessage().contains("cueSteps"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ChannelRecall(4, 10, 5, -1)).getMessage().contains("noise"));
    }
}
