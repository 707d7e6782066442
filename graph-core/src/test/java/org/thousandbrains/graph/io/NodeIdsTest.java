package org.thousandbrains.graph.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Node ids numbered by first appearance, against a HashMap, over ids of every form the table packs or does not. */
class NodeIdsTest {
    @Test
    void numbersIdsByFirstAppearanceLikeAMap() {
        SplittableRandom rng = new SplittableRandom(3);
        List<String> pool = new ArrayList<>(List.of("", "0", "7", "n1", "n12", "abcdefg", "abcdefgh", "007", "0070000000",
                "720575940624963786", "720575940624963787", "0720575940624963786", "7205759406249637861", "12345678",
                "1234567a", "Ünïcødé", "日本", "a,b", "n1 "));
        for (int i = 0; i < 30000; i++) {
            switch (rng.nextInt(4)) {
                case 0 -> pool.add("n" + rng.nextInt(1_000_000));
                case 1 -> pool.add(Long.toString(720575940000000000L + rng.nextLong(1_000_000_000L)));
                case 2 -> pool.add("neuron_" + rng.nextInt(100000));
                default -> pool.add(Integer.toString(rng.nextInt(100)));
            }
        }
        NodeIds ids = new NodeIds();
        Map<String, Integer> expected = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            String id = pool.get(rng.nextInt(pool.size()));
            Integer want = expected.get(id);
            if (want == null) {
                want = expected.size();
                expected.put(id, want);
                order.add(id);
            }
            boolean ascii = id.chars().allMatch(c -> c < 128);
            byte[] line = ("x," + id + ",y").getBytes(StandardCharsets.US_ASCII);
            boolean asBytes = ascii && rng.nextBoolean();
            int known = asBytes ? ids.find(line, 2, 2 + id.length()) : ids.find(new String(id.toCharArray()));
            assertEquals(want == ids.size() ? -1 : (int) want, known, "find '" + id + "'");
            int got = asBytes ? ids.index(line, 2, 2 + id.length()) : ids.index(new String(id.toCharArray()));
            assertEquals(want, got, "id '" + id + "'");
            assertEquals(expected.size(), ids.size(), "each id numbered once");
        }
        assertEquals(expected.size(), ids.size());
        assertArrayEquals(order.toArray(new String[0]), ids.ids());
        assertEquals(order.get(order.size() - 1), ids.id(order.size() - 1));
    }
}
