package org.thousandbrains.graph.topology;

import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An unmodifiable set of distinct ints {@code ids[from..to)} (or the range {@code from..to) itself when
 * {@code ids} is null), viewed as {@code Integer}s without copying: the vertex, edge and incidence sets of
 * {@link SparseGraph}.
 */
final class IntSliceSet extends AbstractSet<Integer> {
    private final int[] ids;
    private final int from;
    private final int to;

    IntSliceSet(int[] ids, int from, int to) {
        this.ids = ids;
        this.from = from;
        this.to = to;
    }

    static IntSliceSet range(int n) {
        return new IntSliceSet(null, 0, n);
    }

    int get(int i) {
        return ids == null ? from + i : ids[from + i];
    }

    @Override
    public int size() {
        return to - from;
    }

    @Override
    public boolean contains(Object o) {
        if (!(o instanceof Integer)) return false;
        int x = (Integer) o;
        if (ids == null) return x >= from && x < to;
        for (int i = from; i < to; i++) if (ids[i] == x) return true;
        return false;
    }

    @Override
    public Iterator<Integer> iterator() {
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < to - from;
            }

            @Override
            public Integer next() {
                if (!hasNext()) throw new NoSuchElementException();
                return get(i++);
            }
        };
    }
}
