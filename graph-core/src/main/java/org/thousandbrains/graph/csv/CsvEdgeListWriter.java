package org.thousandbrains.graph.csv;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Synapse;

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
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                write(net, w);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static void write(Network net, Writer w) throws IOException {
        w.write("src,dst,weight,delay,leak\n");
        StringBuilder sb = new StringBuilder(96);
        for (Synapse s : net.synapses()) {
            sb.setLength(0);
            sb.append(CsvFields.quote(net.source(s).id())).append(',')
              .append(CsvFields.quote(net.target(s).id())).append(',')
              .append(s.weight()).append(',')
              .append(s.delay()).append(',')
              .append(s.leak()).append('\n');
            w.append(sb);
        }
    }
}
