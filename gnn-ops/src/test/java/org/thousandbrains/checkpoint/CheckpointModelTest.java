package org.thousandbrains.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thousandbrains.graph.build.LayeredNetwork;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.compile.EdgeTable;
import org.thousandbrains.graph.compile.GroupStructure;
import org.thousandbrains.graph.compile.NetworkView;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.train.Fixtures;

/** Format version 3: the checkpoint holds the whole compiled model, competition and readout included. */
class CheckpointModelTest {
    @TempDir
    Path dir;

    /** Every field equal: arrays element by element (doubles bit for bit), the compiled structures recursively. */
    private static void assertSameFields(Object a, Object b, String path) {
        assertEquals(a.getClass(), b.getClass(), path);
        for (Field f : a.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) continue;
            f.setAccessible(true);
            Object x;
            Object y;
            try {
                x = f.get(a);
                y = f.get(b);
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
            String where = path + "." + f.getName();
            if (x == null || y == null) {
                assertEquals(x, y, where);
            } else if (x.getClass().isArray()) {
                if (!Arrays.deepEquals(new Object[] {x}, new Object[] {y})) {
                    fail(where + " differs: " + Arrays.deepToString(new Object[] {x}) + " vs "
                            + Arrays.deepToString(new Object[] {y}));
                }
            } else if (x.getClass().getName().startsWith("org.thousandbrains.graph.compile.")) {
                assertSameFields(x, y, where);
            } else {
                assertTrue(Objects.equals(x, y), where + " differs: " + x + " vs " + y);
            }
        }
    }

    /**
     * Two k-WTA groups (nonzero duty cycles and observations, one with boost 2, period 50 and eval factor 1.25),
     * three units of rec 2 in a unit group, lateral edges, thresholds, T = 4 and K = 2.
     */
    private static Network model() {
        Network net = LayeredNetwork.builder().inputs(8).sparse(6, 0.5, Activation.RELU).kWinners(0.5)
                .dense(5, Activation.TANH).kWinners(0.8, 2.0).units(3, 2, 2, 2, Activation.RELU).lateral(0.5)
                .outputs(2).seed(9).build();
        net.settings().readout(4, 2);
        net.groups().get("h1").observations(4321);
        net.groups().get("h2").observations(17).period(50).inferenceFactor(1.25); // k = 4: eval k 5
        int i = 0;
        for (Neuron v : net.nodes()) {
            i++;
            if ("h1".equals(v.group()) || "h2".equals(v.group())) v.duty(i / 32.0);
            if (v.kind() != org.thousandbrains.graph.topology.NodeKind.INPUT) v.threshold(i % 4 == 0 ? 0.25 : -0.125);
        }
        return net;
    }

    @Test
    void theWholeCompiledModelRoundTrips() throws IOException {
        CompiledGraph g = GraphCompiler.compile(model());
        GroupStructure s = g.groupStructure();
        assertEquals(2, s.kwtaCount());
        assertEquals(3, s.unitCount());
        assertEquals(2, s.unitRec()[0]);
        assertEquals(1, s.unitGroupCount());
        assertTrue(Arrays.stream(s.kwtaDuty()).allMatch(d -> d > 0));
        EdgeTable t = EdgeTable.of(g);

        Path file = dir.resolve("runs/x/checkpoint.tbck");
        CheckpointIO.write(file, Checkpoint.builder().parameters(Fixtures.mlp(1)).graph(g).meta("model", "units").build());
        Checkpoint cp = CheckpointIO.read(file);

        EdgeTable back = cp.graph();
        assertSameFields(t, back, "table");
        assertEquals(4, back.steps);
        assertEquals(2, back.readoutWindow);
        assertArrayEquals(t.groupObservations, back.groupObservations);
        assertArrayEquals(t.duty, back.duty, 0);
        assertArrayEquals(t.threshold, back.threshold, 0);

        CompiledGraph rebuilt = cp.compiledGraph();
        assertSameFields(g, rebuilt, "graph");
        assertEquals(4, rebuilt.steps());
        assertEquals(2, rebuilt.readoutWindow());
        assertArrayEquals(new long[] {4321, 17}, rebuilt.groupStructure().kwtaObservations());
        assertArrayEquals(s.kwtaInferenceK(), rebuilt.groupStructure().kwtaInferenceK());
        // and the network view of the rebuilt model is the original model
        assertSameFields(EdgeTable.of(model()), EdgeTable.of(NetworkView.of(rebuilt)), "view");
    }

    @Test
    void trainedValuesKeptOutsideTheGraphAreSaved() throws IOException {
        CompiledGraph g = GraphCompiler.compile(model());
        GroupStructure s = g.groupStructure();
        double[] w = g.weight().clone();
        for (int p = 0; p < w.length; p++) w[p] = Math.scalb(w[p], 1) + 1e-3 * p;
        double[] bias = new double[g.nodeCount()];
        for (int v = 0; v < bias.length; v++) bias[v] = Math.PI * v / 100;
        double[] duty = new double[s.kwtaMembers().length];
        for (int i = 0; i < duty.length; i++) duty[i] = 1.0 / (3 + i);
        long[] observations = {Long.MAX_VALUE / 3, 5};
        EdgeTable t = EdgeTable.of(g, w, null, null, bias, duty, observations);

        Path file = dir.resolve("trained.tbck");
        CheckpointIO.write(file, Checkpoint.builder().parameters(Fixtures.mlp(2)).graph(t).build());
        CompiledGraph h = CheckpointIO.read(file).compiledGraph();
        assertArrayEquals(w, h.weight(), 0);
        assertArrayEquals(g.delay(), h.delay(), 0);
        assertArrayEquals(bias, h.bias(), 0);
        assertArrayEquals(duty, h.groupStructure().kwtaDuty(), 0);
        assertArrayEquals(observations, h.groupStructure().kwtaObservations());
        assertSameFields(GraphCompiler.compile(t), h, "graph");
    }

    /** Overseer normalization settings and trained values travel in section N; a table at the defaults writes none. */
    @Test
    void overseerNormalizationRoundTrips() throws IOException {
        Network net = LayeredNetwork.builder().inputs(4).dense(5, Activation.RELU).overseer().overseerFeedsNext()
                .dense(3, Activation.TANH).kWinners(0.7).overseer().batchStatistics().outputs(2).seed(4).build();
        net.groups().get("h1").rho(0.125).epsilon(1e-3);
        CompiledGraph g = GraphCompiler.compile(net);
        GroupStructure s = g.groupStructure();
        int m = s.normMembers().length;
        double[] gain = new double[m];
        double[] shift = new double[m];
        for (int i = 0; i < m; i++) {
            gain[i] = 1 + i / 7.0;
            shift[i] = -i / 3.0;
        }
        EdgeTable t = EdgeTable.of(g, null, null, null, null, null, null, gain, shift, new double[] {0.5, -0.25},
                new double[] {2.5, 0.75});
        Path file = dir.resolve("overseer.tbck");
        CheckpointIO.write(file, Checkpoint.builder().parameters(Fixtures.mlp(1)).graph(t).build());
        Checkpoint cp = CheckpointIO.read(file);
        assertSameFields(t, cp.graph(), "table");
        GroupStructure back = cp.compiledGraph().groupStructure();
        assertArrayEquals(gain, back.normGain(), 0);
        assertArrayEquals(shift, back.normShift(), 0);
        assertArrayEquals(new double[] {0.5, -0.25}, back.normMean(), 0);
        assertArrayEquals(new double[] {2.5, 0.75}, back.normVariance(), 0);
        assertArrayEquals(new double[] {0.125, 0.01}, back.normRho(), 0);
        assertTrue(back.normBatchStatistics()[1] && !back.normBatchStatistics()[0]);
        // without overseers nothing changes in the file: no section N
        Path plain = dir.resolve("plain-model.tbck");
        CheckpointIO.write(plain, Checkpoint.builder().parameters(Fixtures.mlp(1)).graph(GraphCompiler.compile(model())).build());
        assertTrue(!EdgeTable.of(GraphCompiler.compile(model())).normalization().differsFromDefaults());
        assertSameFields(EdgeTable.of(GraphCompiler.compile(model())), CheckpointIO.read(plain).graph(), "plain table");
    }

    @Test
    void aCheckpointWithoutAGraphHasNoCompiledGraph() throws IOException {
        Path file = dir.resolve("nograph.tbck");
        CheckpointIO.write(file, Checkpoint.builder().parameters(Fixtures.mlp(3)).build());
        IllegalStateException ex = assertThrows(IllegalStateException.class, () -> CheckpointIO.read(file).compiledGraph());
        assertTrue(ex.getMessage().contains("no graph"), ex.getMessage());
    }

    private Path withVersion(String name, int version) throws IOException {
        Path file = dir.resolve("runs/x").resolve(name);
        CheckpointIO.write(file, Checkpoint.builder().parameters(Fixtures.mlp(1)).graph(GraphCompiler.compile(model())).build());
        byte[] b = Files.readAllBytes(file);
        assertEquals(CheckpointIO.VERSION, ByteBuffer.wrap(b).getInt(8));
        ByteBuffer.wrap(b).putInt(8, version);
        Files.write(file, b);
        return file;
    }

    @Test
    void versionOneFilesAreRefusedNamingFileFoundAndSupportedVersion() throws IOException {
        assertEquals(3, CheckpointIO.VERSION);
        Path file = withVersion("checkpoint.tbck", 1);
        CheckpointException ex = assertThrows(CheckpointException.class, () -> CheckpointIO.read(file));
        assertEquals(file + ": checkpoint format version 1 is not supported (this build reads version 3); "
                + "retrain or convert with the version that wrote it", ex.getMessage());
        assertEquals(file, ex.file());

        Path zero = withVersion("zero.tbck", 0);
        ex = assertThrows(CheckpointException.class, () -> CheckpointIO.read(zero));
        assertEquals(zero + ": invalid checkpoint format version 0 (this build reads version 3)", ex.getMessage());

        Path future = withVersion("future.tbck", 7);
        ex = assertThrows(CheckpointException.class, () -> CheckpointIO.read(future));
        assertEquals(future + ": checkpoint format version 7 is newer than this reader (this build reads version 3); "
                + "use a newer thousandBrains", ex.getMessage());

        // untouched, the same file reads
        Path good = withVersion("good.tbck", CheckpointIO.VERSION);
        assertEquals(GraphCompiler.compile(model()).edgeCount(), CheckpointIO.read(good).compiledGraph().edgeCount());
    }

    @Test
    void aTruncatedGraphSectionIsRefused() throws IOException {
        // Cut the file inside the competition record and fix up length and CRC: the decoder must notice.
        Path file = dir.resolve("cut.tbck");
        CheckpointIO.write(file, Checkpoint.builder().parameters(Fixtures.mlp(1)).graph(GraphCompiler.compile(model())).build());
        byte[] whole = Files.readAllBytes(file);
        Path noGraph = dir.resolve("plain.tbck");
        CheckpointIO.write(noGraph, Checkpoint.builder().parameters(Fixtures.mlp(1)).build());
        int graphBytes = whole.length - (int) Files.size(noGraph);
        // the G section ends after the header, 'M' and its count (5 bytes) and graphBytes; 40 bytes before is the duty array
        byte[] b = Arrays.copyOf(whole, CheckpointIO.HEADER + 5 + graphBytes - 40);
        ByteBuffer.wrap(b).putLong(12, b.length - CheckpointIO.HEADER);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(b, CheckpointIO.HEADER, b.length - CheckpointIO.HEADER);
        ByteBuffer.wrap(b).putInt(20, (int) crc.getValue());
        Files.write(file, b);
        CheckpointException ex = assertThrows(CheckpointException.class, () -> CheckpointIO.read(file));
        assertTrue(ex.getMessage().startsWith(file + ": malformed payload"), ex.getMessage());
    }
}
