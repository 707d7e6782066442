package org.thousandbrains.graph.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.thousandbrains.graph.graphml.EdgePairCounter;
import org.thousandbrains.graph.graphml.ImportReport;
import org.thousandbrains.graph.graphml.ImportResult;
import org.thousandbrains.graph.graphml.StrictTextReader;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.NodeKind;

/**
 * Reads an edge-list CSV (UTF-8) into a network: one directed synapse per row, empty or missing
 * weight/delay/leak columns take the defaults of {@link Network}. Rows are collected into
 * arrays first; the network is built only after the whole file has been checked.
 */
public final class CsvEdgeListReader {
    private static final List<String> COLUMNS = List.of("src", "dst", "weight", "delay", "leak");

    private CsvEdgeListReader() {
    }

    public static ImportResult read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    public static ImportResult read(InputStream in, String source) throws IOException {
        Rows rows = new Rows();
        int lineNo = 0;
        try (BufferedReader r = new BufferedReader(new StrictTextReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            int[] column = null;
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) line = line.substring(1);
                if (line.isBlank()) continue;
                try {
                    List<String> fields = CsvFields.split(line);
                    if (column == null) column = header(fields);
                    else rows.add(fields, column);
                } catch (IllegalArgumentException e) {
                    throw new CsvException(source, lineNo, e.getMessage());
                }
            }
            if (column == null) throw new CsvException(source, 0, "empty file: expected a header line such as src,dst,weight,delay,leak");
        } catch (StrictTextReader.DecodingException e) {
            throw new CsvException(source, e.line(), "bytes that are not valid UTF-8");
        }
        return rows.build();
    }

    /** Column index of src, dst, weight, delay, leak in the file (-1 when absent). */
    private static int[] header(List<String> fields) {
        int[] column = new int[COLUMNS.size() + 1];
        Arrays.fill(column, -1);
        column[COLUMNS.size()] = fields.size();
        for (int i = 0; i < fields.size(); i++) {
            int c = COLUMNS.indexOf(fields.get(i).toLowerCase(Locale.ROOT));
            if (c < 0) throw new IllegalArgumentException("unknown column '" + fields.get(i) + "' (expected src, dst, weight, delay, leak)");
            if (column[c] >= 0) throw new IllegalArgumentException("column '" + fields.get(i) + "' appears twice");
            column[c] = i;
        }
        if (column[0] < 0 || column[1] < 0) throw new IllegalArgumentException("the header must name the columns src and dst");
        return column;
    }

    /** Rows as arrays; nodes numbered by first appearance. */
    private static final class Rows {
        final Map<String, Integer> index = new HashMap<>();
        String[] ids = new String[64];
        int nodes;
        int size;
        int[] src = new int[256];
        int[] dst = new int[256];
        double[] weight = new double[256];
        double[] delay = new double[256];
        double[] leak = new double[256];

        void add(List<String> f, int[] column) {
            if (f.size() != column[COLUMNS.size()]) {
                throw new IllegalArgumentException("expected " + column[COLUMNS.size()] + " fields as in the header, found " + f.size());
            }
            if (size == src.length) {
                int cap = size * 2;
                src = Arrays.copyOf(src, cap);
                dst = Arrays.copyOf(dst, cap);
                weight = Arrays.copyOf(weight, cap);
                delay = Arrays.copyOf(delay, cap);
                leak = Arrays.copyOf(leak, cap);
            }
            src[size] = node(f.get(column[0]), "src");
            dst[size] = node(f.get(column[1]), "dst");
            weight[size] = number(f, column[2], "weight", Network.DEFAULT_WEIGHT);
            delay[size] = number(f, column[3], "delay", Network.DEFAULT_DELAY);
            leak[size] = number(f, column[4], "leak", Network.DEFAULT_LEAK);
            size++;
        }

        private int node(String id, String what) {
            if (id.isEmpty()) throw new IllegalArgumentException("empty " + what + " node id");
            Integer i = index.get(id);
            if (i != null) return i;
            if (nodes == ids.length) ids = Arrays.copyOf(ids, nodes * 2);
            ids[nodes] = id;
            index.put(id, nodes);
            return nodes++;
        }

        private static double number(List<String> f, int col, String what, double dflt) {
            if (col < 0 || f.get(col).isEmpty()) return dflt;
            String t = f.get(col).trim();
            char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
            double v;
            try {
                if (!(Character.isDigit(last) || last == '.')) throw new NumberFormatException();
                v = Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + " '" + t + "' is not a number");
            }
            if (!Double.isFinite(v)) throw new IllegalArgumentException(what + " '" + t + "' is not finite");
            return v;
        }

        ImportResult build() {
            Network net = new Network();
            Neuron[] byIndex = new Neuron[nodes];
            for (int v = 0; v < nodes; v++) byIndex[v] = net.addNode(ids[v], NodeKind.NEURON);
            EdgePairCounter pairs = new EdgePairCounter();
            for (int e = 0; e < size; e++) {
                net.connect(byIndex[src[e]], byIndex[dst[e]], weight[e], delay[e], leak[e]);
                pairs.add(src[e], dst[e], true);
            }
            ImportReport report = new ImportReport(nodes, size, 0, pairs.selfLoops(), pairs.parallelEdges(), 0, 0,
                    net.synapseCount(), List.of());
            return new ImportResult(net, report);
        }
    }
}
