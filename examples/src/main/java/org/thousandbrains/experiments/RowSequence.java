package org.thousandbrains.experiments;

import java.util.ArrayList;
import java.util.List;

import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.Neuron;

/**
 * Shows an image to a network one row per step, inside the graph, so that any classifier over the graph (which holds
 * its input constant over the steps) sees a sequence. The network is built for one row: its {@code cols} input nodes
 * become identity "row" neurons (group {@value #ROW_GROUP}), and {@code rows·cols} new input nodes
 * {@code pixel:<r·cols+c>} (group {@code input}, row-major) feed them through fixed delay lines: pixel {@code (r, c)}
 * reaches row neuron {@code c} with weight +1 and delay {@code r} and with weight −1 and delay {@code r+1}. With the
 * pixel held from step 1 on, the two cancel at every step except {@code t = r+1}, so row neuron {@code c} carries
 * pixel {@code (t−1, c)} at step {@code t} and nothing else of the image. The readout is at {@code T = rows}. The row
 * neurons' biases (0 at the start) train like any bias; being the same at every step, they carry no row. The row-0
 * edges are instant (delay 0), so the network's delay range must start at 0 ({@code LayeredNetwork}'s default delay
 * 0 sets that).
 */
final class RowSequence {
    static final String ROW_GROUP = "row";

    private RowSequence() {
    }

    /** Rewires {@code net} (exactly {@code cols} input nodes) in place to take {@code rows × cols} images row by row. */
    static Network rowByRow(Network net, int rows) {
        List<Neuron> row = new ArrayList<>();
        for (Neuron v : net.nodes()) if (v.kind() == NodeKind.INPUT) row.add(v);
        int cols = row.size();
        String inputGroup = row.get(0).group();
        net.groupNamed(ROW_GROUP);
        for (Neuron v : row) v.kind(NodeKind.NEURON).group(ROW_GROUP);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                Neuron pixel = net.addNode("pixel:" + (r * cols + c), NodeKind.INPUT).group(inputGroup);
                net.connect(pixel, row.get(c), 1.0, r, 0.0).learnable(Learnable.NONE);
                net.connect(pixel, row.get(c), -1.0, r + 1, 0.0).learnable(Learnable.NONE);
            }
        }
        net.settings().delayRange(net.settings().dMin(), Math.max(net.settings().dMax(), rows));
        net.settings().readout(rows, 1);
        return net;
    }
}
