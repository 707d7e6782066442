package org.thousandbrains.graph.csv;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;

import org.thousandbrains.graph.io.AtomicFile;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.SparseNetwork;

/**
 * Writes a network's synapses as an edge-list CSV {@code src,dst,weight,delay,leak}, numbers
 * as {@link Double#toString} (reads back bit-exact). A CSV edge list holds only this: nodes
 * without synapses, node kinds and parameters, groups, units and metadata are not written.
 */
public final class CsvEdgeListWriter {
    private CsvEdgeListWriter() {
    }

    /** Writes to a file atomically: a failed write leaves no partial file behind. */
    public static void write(Network net, Path file) throws IOException {
        AtomicFile.writeText(file, w -> write(net, w));
    }

    /** Writes an array-backed network's edges to a file atomically, in edge order. */
    public static void write(SparseNetwork net, Path file) throws IOException {
        AtomicFile.writeText(file, w -> write(net, w));
    }

    /** Writes the edges in edge order; node ids quoted where CSV needs it (only ids of nodes with synapses are written). */
    public static void write(SparseNetwork net, Writer w) throws IOException {
        w.write("src,dst,weight,delay,leak\n");
        String[] ids = net.nodes().id();
        String[] quoted = new String[ids.length];
        SparseNetwork.Edges e = net.edges();
        StringBuilder sb = new StringBuilder(96);
        for (int k = 0; k < e.count(); k++) {
            int u = e.src()[k];
            int v = e.dst()[k];
            if (quoted[u] == null) quoted[u] = CsvFields.quote(ids[u]);
            if (quoted[v] == null) quoted[v] = CsvFields.quote(ids[v]);
            sb.setLength(0);
            sb.append(quoted[u]).append(',').append(quoted[v]).append(',')
              .append(e.weight()[k]).append(',').append(e.delay()[k]).append(',').append(e.leak()[k]).append('\n');
            w.append(sb);
        }
    }

    public static void write(Network net, Writer w) throws IOException {
        write(SparseNetwork.of(net), w);
    }
}
