package org.thousandbrains.it.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.thousandbrains.checkpoint.Checkpoint;
import org.thousandbrains.checkpoint.CheckpointIO;
import org.thousandbrains.experiments.CliRun;
import org.thousandbrains.graph.compile.EdgeTable;
import org.thousandbrains.graph.graphml.GraphMLReader;
import org.thousandbrains.graph.graphml.GraphMLWriter;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.NodeGroup;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.Synapse;
import org.thousandbrains.io.Json;

/**
 * Every model through the one operator, end to end on the embedded digits: each built-in family and a
 * small recurrent GraphML topology train with {@code tb train}, and {@code tb eval --checkpoint} rebuilds
 * the model from the checkpoint alone and prints the identical test accuracy. Count mismatches between a
 * topology and the data are one-line errors naming both counts. No wall-time assertions.
 */
class GraphTrainCliTest {
    @TempDir
    Path tmp;

    static double evalAccuracy(Path checkpoint) {
        CliRun ev = CliRun.tb("eval", "--checkpoint", checkpoint.toString(), "--noise", "0,0.3", "--json");
        assertEquals(0, ev.status(), ev.err());
        return (Double) ((Map<?, ?>) Json.parse(ev.out())).get("test_accuracy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dense", "sparse", "units"})
    void builtInModelsEvaluateFromTheirCheckpointExactly(String model) throws IOException {
        Path out = tmp.resolve(model);
        CliRun r = CliRun.tb("train", "--model", model, "--epochs", "3", "--hidden", "32,32", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        Map<?, ?> res = CliRun.json(out.resolve("results.json"));
        double acc = (Double) res.get("test_accuracy");
        List<?> epochs = (List<?>) res.get("epochs");
        double first = (Double) ((Map<?, ?>) epochs.get(0)).get("loss");
        double last = (Double) ((Map<?, ?>) epochs.get(2)).get("loss");
        assertTrue(last < first, model + " learns: training loss " + first + " -> " + last);
        assertEquals(acc, evalAccuracy(out.resolve("checkpoint.tbck")), 0.0, "tb eval reproduces tb train's test accuracy");
        Map<?, ?> graph = (Map<?, ?>) res.get("graph");
        assertEquals(model.equals("units") ? 2 : 1, ((Number) graph.get("steps")).intValue());
        Checkpoint cp = CheckpointIO.read(out.resolve("checkpoint.tbck"));
        assertEquals(model, cp.meta("model"));
        assertEquals(model.equals("units") ? 2 : 1, cp.graph().steps, "the checkpoint's graph carries its steps");
    }

    /**
     * 64 inputs, 24 ReLU neurons in one k-WTA group (k = 6) with sparse recurrent edges (delays in
     * [1, 3), leak 0.3, all learnable), each reading 12 pixels, 10 outputs reading every neuron; T = 4,
     * readout mean of the last 2.
     */
    static Network recurrent(int inputs, int outputs) {
        Random r = new Random(5);
        Network net = new Network();
        net.settings().delayRange(1, 8).readout(4, 2);
        net.addGroup(new NodeGroup("h").kWinners(6).period(4000));
        Neuron[] in = new Neuron[inputs];
        for (int i = 0; i < inputs; i++) in[i] = net.addNode("in" + i, NodeKind.INPUT, Activation.IDENTITY);
        Neuron[] h = new Neuron[24];
        for (int v = 0; v < h.length; v++) h[v] = net.addNode("h" + v, NodeKind.NEURON, Activation.RELU).group("h");
        Neuron[] out = new Neuron[outputs];
        for (int c = 0; c < outputs; c++) out[c] = net.addNode("out" + c, NodeKind.OUTPUT, Activation.IDENTITY);
        for (Neuron v : h) {
            for (int j = 0; j < 12; j++) net.connect(in[r.nextInt(inputs)], v, 0.3 * r.nextGaussian(), 1.0, 0.3);
            for (int j = 0; j < 4; j++) {
                Neuron u = h[r.nextInt(h.length)];
                if (u != v) net.connect(u, v, 0.2 * r.nextGaussian(), 1 + 2 * r.nextDouble(), 0.3);
            }
        }
        for (Neuron o : out) for (Neuron v : h) net.connect(v, o, 0.2 * r.nextGaussian(), 1.0, 0.3);
        return net;
    }

    @Test
    void topologyTrainsDelaysAndLeaksAndEvaluatesFromItsCheckpoint() throws IOException {
        Path graph = tmp.resolve("loop.graphml");
        GraphMLWriter.write(recurrent(64, 10), graph);
        Path out = tmp.resolve("loop");
        Path exported = tmp.resolve("trained.graphml");
        CliRun r = CliRun.tb("train", "--topology", graph.toString(), "--epochs", "4", "--lr", "0.005",
                "--out", out.toString(), "--graphml", exported.toString());
        assertEquals(0, r.status(), r.err());
        Map<?, ?> res = CliRun.json(out.resolve("results.json"));
        double acc = (Double) res.get("test_accuracy");
        assertTrue(acc > 0.3, "recurrent topology beats chance: " + acc);
        Map<?, ?> g = (Map<?, ?>) res.get("graph");
        assertEquals(4, ((Number) g.get("steps")).intValue());
        assertEquals(2, ((Number) g.get("readout_window")).intValue());
        assertEquals(1, ((Number) g.get("kwta_groups")).intValue());
        Map<?, ?> change = (Map<?, ?>) res.get("parameter_change");
        for (String kind : List.of("weight", "delay", "leak")) {
            double d = (Double) ((Map<?, ?>) change.get(kind)).get("mean_abs_delta");
            assertTrue(d > 0, kind + "s moved: mean |Δ| = " + d);
        }
        assertEquals("loop", ((Map<?, ?>) res.get("config")).get("model"));

        assertEquals(acc, evalAccuracy(out.resolve("checkpoint.tbck")), 0.0, "tb eval reproduces tb train's test accuracy");

        // the export is the trained graph: the checkpoint's values, its k-WTA group and readout
        Network trained = new GraphMLReader().read(exported).network();
        EdgeTable saved = CheckpointIO.read(out.resolve("checkpoint.tbck")).graph();
        assertEquals(saved.edgeCount, trained.synapseCount());
        assertEquals(4, trained.settings().steps());
        assertEquals(6, trained.groups().get("h").kWinners());
        Network initial = recurrent(64, 10); // edges in file order, as the checkpoint's table and the export list them
        int recurrentEdges = 0;
        int movedDelays = 0;
        int e = 0;
        java.util.Iterator<Synapse> before = initial.synapses().iterator();
        for (Synapse s : trained.synapses()) {
            Synapse s0 = before.next();
            assertEquals(saved.nodeIds[saved.src[e]], trained.source(s).id());
            assertEquals(saved.nodeIds[saved.dst[e]], trained.target(s).id());
            assertEquals(saved.weight[e], s.weight(), 0.0, "exported weight = checkpointed weight");
            assertEquals(saved.delay[e], s.delay(), 0.0, "exported delay = checkpointed delay");
            if (s0.delay() > 1) { // the recurrent edges; the others start at the delay floor 1, where a push down is undone
                recurrentEdges++;
                if (s.delay() != s0.delay()) movedDelays++;
            }
            e++;
        }
        // an edge whose source or target never won the k-WTA (6 of 24) in these few batches gets no gradient
        assertTrue(movedDelays > recurrentEdges / 4, movedDelays + " of " + recurrentEdges + " recurrent delays moved");
        assertNotEquals(0.0, trained.node("h0").duty(), "trained duty cycles are exported");
    }

    @Test
    void stepsAndReadoutCanBeOverridden() throws IOException {
        Path graph = tmp.resolve("loop.graphml");
        GraphMLWriter.write(recurrent(64, 10), graph);
        Path out = tmp.resolve("t6");
        CliRun r = CliRun.tb("train", "--topology", graph.toString(), "--steps", "6", "--readout-k", "3",
                "--epochs", "1", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        Map<?, ?> g = (Map<?, ?>) CliRun.json(out.resolve("results.json")).get("graph");
        assertEquals(6, ((Number) g.get("steps")).intValue());
        assertEquals(3, ((Number) g.get("readout_window")).intValue());
        assertEquals(6, CheckpointIO.read(out.resolve("checkpoint.tbck")).graph().steps);
        r = CliRun.tb("train", "--topology", graph.toString(), "--steps", "2", "--readout-k", "3", "--out", out.toString());
        assertNotEquals(0, r.status());
        assertTrue(r.err().contains("--readout-k 3 exceeds the 2 steps"), r.err());
    }

    /**
     * {@code --rule} reaches the run's config and checkpoint, the exported GraphML carries it as the graph
     * key {@code rule}, a topology run without {@code --rule} takes it from there, an explicit one wins, and
     * a misspelt rule is a one-line error naming it.
     */
    @Test
    void theLearningRuleTravelsThroughConfigCheckpointAndGraphML() throws IOException {
        Path out = tmp.resolve("rule");
        Path exported = tmp.resolve("rule.graphml");
        CliRun r = CliRun.tb("train", "--model", "dense", "--epochs", "1", "--hidden", "16", "--rule", "fired-only+hebbian=1e-4",
                "--out", out.toString(), "--graphml", exported.toString());
        assertEquals(0, r.status(), r.err());
        Map<?, ?> config = (Map<?, ?>) CliRun.json(out.resolve("results.json")).get("config");
        assertEquals("fired-only+hebbian=1.0E-4", config.get("rule"));
        assertEquals("fired-only+hebbian=1.0E-4", CheckpointIO.read(out.resolve("checkpoint.tbck")).meta("rule"));
        assertTrue(Files.readString(exported).contains("fired-only+hebbian=1.0E-4"));
        Path again = tmp.resolve("again");
        r = CliRun.tb("train", "--topology", exported.toString(), "--epochs", "1", "--out", again.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("fired-only+hebbian=1.0E-4", ((Map<?, ?>) CliRun.json(again.resolve("results.json")).get("config")).get("rule"));
        r = CliRun.tb("train", "--topology", exported.toString(), "--epochs", "1", "--rule", "l1=0.001", "--out", again.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("l1=0.001", ((Map<?, ?>) CliRun.json(again.resolve("results.json")).get("config")).get("rule"));
        r = CliRun.tb("train", "--epochs", "1", "--rule", "fired-olny", "--out", again.toString());
        assertNotEquals(0, r.status());
        assertTrue(r.err().contains("unknown learning rule 'fired-olny'"), r.err());
    }

    @Test
    void countMismatchesNameBothCounts() throws IOException {
        Path graph = tmp.resolve("graph.graphml");
        GraphMLWriter.write(recurrent(10, 10), graph);
        CliRun r = CliRun.tb("train", "--topology", graph.toString(), "--epochs", "1", "--out", tmp.resolve("x").toString());
        assertNotEquals(0, r.status());
        assertEquals("tb train: graph.graphml has 10 input nodes but dataset digits has 64 features", r.err().trim());
        Path wide = tmp.resolve("wide.graphml");
        GraphMLWriter.write(recurrent(64, 7), wide);
        r = CliRun.tb("train", "--topology", wide.toString(), "--epochs", "1", "--out", tmp.resolve("y").toString());
        assertEquals("tb train: wide.graphml has 7 output nodes but dataset digits has 10 classes", r.err().trim());
        assertFalse(Files.exists(tmp.resolve("y").resolve("checkpoint.tbck")));
        r = CliRun.tb("train", "--topology", graph.toString(), "--model", "sparse");
        assertTrue(r.err().contains("drop --model"), r.err());
        r = CliRun.tb("train", "--steps", "3");
        assertTrue(r.err().contains("--steps applies to --topology runs"), r.err());
    }

    /**
     * An edge list names no node kinds: its 64 sources take the digits' features and its 10 sinks are the
     * classes (64 → 24 → 10, delay 1, so T = 3 lets the input reach the outputs); the run learns and the
     * checkpoint reproduces its accuracy.
     */
    @Test
    void anEdgeListTrainsWithSourcesAsInputsAndSinksAsOutputs() throws IOException {
        StringBuilder csv = new StringBuilder("src,dst,weight,delay,leak\n");
        java.util.Random rng = new java.util.Random(3);
        for (int i = 0; i < 64; i++) for (int h = 0; h < 24; h++) csv.append("in").append(i).append(",h").append(h).append(',')
                .append(0.25 * rng.nextGaussian()).append(",1,0\n");
        for (int h = 0; h < 24; h++) for (int o = 0; o < 10; o++) csv.append('h').append(h).append(",out").append(o).append(',')
                .append(0.25 * rng.nextGaussian()).append(",1,0\n");
        Path graph = tmp.resolve("edges.csv");
        Files.writeString(graph, csv);
        Path out = tmp.resolve("csv");
        CliRun r = CliRun.tb("train", "--topology", graph.toString(), "--steps", "3", "--epochs", "15", "--lr", "0.01",
                "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        double acc = (Double) CliRun.json(out.resolve("results.json")).get("test_accuracy");
        assertTrue(acc > 0.5, "a 64-24-10 edge list learns the digits (chance is 0.1), got " + acc);
        assertEquals(acc, evalAccuracy(out.resolve("checkpoint.tbck")), 0.0);
    }
}
