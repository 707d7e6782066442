package org.thousandbrains.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.thousandbrains.autodiff.Parameter;
import org.thousandbrains.autodiff.ParameterSet;
import org.thousandbrains.graph.compile.EdgeTable;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.optim.AdamW;
import org.thousandbrains.optim.OptimizerState;
import org.thousandbrains.optim.ParamState;
import org.thousandbrains.train.ArrayExamples;
import org.thousandbrains.train.Fixtures;
import org.thousandbrains.train.TrainListener;
import org.thousandbrains.train.Trainer;

class CheckpointTest {
    @TempDir
    Path dir;

    private static Trainer trainer(ParameterSet ps, long stopAtStep) {
        AdamW opt = new AdamW(ps, 0.02, 0.01);
        opt.group("bias").lr(0.2);
        return Trainer.builder(ps, opt, Fixtures.objective(ps)).batchSize(8).seed(42).epochs(5)
                .listener(new TrainListener() {
                    @Override
                    public void onBatchEnd(Trainer t, int epoch, int batch, int batches, double loss) {
                        if (t.step() == stopAtStep) t.requestStop();
                    }
                }).build();
    }

    @Test
    void twoStepsSavedLoadedPlusOneEqualsThreeStraightBitForBit() throws IOException {
        ArrayExamples data = Fixtures.blobs(40, 8);
        ParameterSet straightParams = Fixtures.mlp(3);
        Trainer straight = trainer(straightParams, 3);
        straight.fit(data);

        ParameterSet firstParams = Fixtures.mlp(3);
        Trainer first = trainer(firstParams, 2);
        first.fit(data);
        Path file = dir.resolve("run.tbck");
        CheckpointIO.write(file, Checkpoint.builder().capture(first).meta("dataset", "blobs").build());

        ParameterSet resumedParams = Fixtures.mlp(99); // different values: all must come from the file
        Trainer resumed = trainer(resumedParams, 3);
        Checkpoint cp = CheckpointIO.read(file);
        assertEquals("blobs", cp.meta("dataset"));
        cp.resume(resumed);
        assertEquals(2, resumed.step());
        resumed.fit(data);

        assertEquals(3, resumed.step());
        assertArrayEquals(Fixtures.bits(straightParams), Fixtures.bits(resumedParams));
        OptimizerState a = straight.optimizer().state();
        OptimizerState b = resumed.optimizer().state();
        for (String name : a.params().keySet()) {
            ParamState sa = a.params().get(name);
            ParamState sb = b.params().get(name);
            assertEquals(sa.step(), sb.step());
            for (String buf : sa.buffers().keySet()) {
                assertArrayEquals(sa.buffers().get(buf).data().asFloat(), sb.buffers().get(buf).data().asFloat(), 0f,
                        name + "." + buf);
            }
        }
        assertEquals(straight.rng().state(), resumed.rng().state());
    }

    @Test
    void everySectionRoundTripsExactly() throws IOException {
        Network net = new Network();
        Neuron in = net.addNode("in", NodeKind.INPUT);
        Neuron h = net.addNode("h\u00e9", NodeKind.NEURON, Activation.TANH);
        Neuron out = net.addNode("out", NodeKind.OUTPUT);
        net.connect(in, h, 0.1 + 0.2, 1.25, 0.5);
        net.connect(h, h, -Math.PI, 2, 0.9);
        net.connect(h, out);
        EdgeTable g = EdgeTable.of(net);

        ParameterSet ps = new ParameterSet();
        ps.add(new Parameter("w", Nd4j.create(new float[] {Float.NaN, -0f, 1e-40f, 3.4e38f}, new long[] {2, 2}, DataType.FLOAT)));
        ps.add(new Parameter("d", Nd4j.create(new double[] {1.0000000000000002, Double.MIN_VALUE}, new long[] {1, 2},
                DataType.DOUBLE), "delay").learnable(false));
        String config = "{\"hidden\":[512,512],\"name\":\"caf\u00e9\"}";
        Checkpoint cp = Checkpoint.builder().parameters(ps).graph(g).graphml("<graphml/>").meta("config", config)
                .meta("dataset", "digits").build();
        Path file = dir.resolve("sub/all.tbck");
        CheckpointIO.write(file, cp);
        Checkpoint back = CheckpointIO.read(file);

        assertEquals(Map.of("config", config, "dataset", "digits"), back.metadata());
        assertEquals("<graphml/>", back.graphml());
        assertNull(back.optimizerState());
        EdgeTable g2 = back.graph();
        assertArrayEquals(g.nodeIds, g2.nodeIds);
        assertArrayEquals(g.kind, g2.kind);
        assertArrayEquals(g.activation, g2.activation);
        assertArrayEquals(g.src, g2.src);
        assertArrayEquals(g.dst, g2.dst);
        assertArrayEquals(g.weight, g2.weight, 0);
        assertArrayEquals(g.delay, g2.delay, 0);
        assertArrayEquals(g.leak, g2.leak, 0);
        assertArrayEquals(g.learnable, g2.learnable);
        assertEquals(g.dMax, g2.dMax, 0);

        ParameterSet fresh = back.newParameterSet();
        assertEquals("delay", fresh.get("d").group());
        assertFalse(fresh.get("d").learnable());
        int[] wBits = new int[4];
        float[] w = fresh.get("w").value().data().asFloat();
        for (int i = 0; i < 4; i++) wBits[i] = Float.floatToRawIntBits(w[i]);
        int[] expected = new int[4];
        float[] orig = ps.get("w").value().data().asFloat();
        for (int i = 0; i < 4; i++) expected[i] = Float.floatToRawIntBits(orig[i]);
        assertArrayEquals(expected, wBits);
        assertArrayEquals(ps.get("d").value().data().asDouble(), fresh.get("d").value().data().asDouble(), 0);

        ParameterSet wrong = new ParameterSet();
        wrong.add(new Parameter("w", Nd4j.zeros(DataType.FLOAT, 2, 2)));
        wrong.add(new Parameter("d", Nd4j.zeros(DataType.DOUBLE, 2, 1)));
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> back.restoreParameters(wrong));
        assertTrue(ex.getMessage().contains("'d'"), ex.getMessage());
    }

    private Path saved(String name) throws IOException {
        Path file = dir.resolve(name);
        ParameterSet ps = Fixtures.mlp(1);
        CheckpointIO.write(file, Checkpoint.builder().parameters(ps).meta("k", "v").build());
        return file;
    }

    private static String refusal(Path file) {
        CheckpointException ex = assertThrows(CheckpointException.class, () -> CheckpointIO.read(file));
        assertTrue(ex.getMessage().startsWith(file.toString()), ex.getMessage());
        return ex.getMessage();
    }

    @Test
    void damagedFilesAreRefusedWithTheReason() throws IOException {
        Path flipped = saved("flipped.tbck");
        byte[] b = Files.readAllBytes(flipped);
        b[b.length / 2] ^= 0x10;
        Files.write(flipped, b);
        assertTrue(refusal(flipped).contains("CRC32"));

        Path cut = saved("cut.tbck");
        byte[] whole = Files.readAllBytes(cut);
        Files.write(cut, Arrays.copyOf(whole, whole.length - 7));
        assertTrue(refusal(cut).contains("truncated"));
        Files.write(cut, Arrays.copyOf(whole, 12));
        assertTrue(refusal(cut).contains("truncated"));

        Path magic = saved("magic.tbck");
        b = Files.readAllBytes(magic);
        b[0] = 'X';
        Files.write(magic, b);
        assertTrue(refusal(magic).contains("not a thousandBrains checkpoint"));
        Files.write(magic, "<graphml>".getBytes());
        assertTrue(refusal(magic).contains("not a thousandBrains checkpoint"));

        Path future = saved("future.tbck");
        b = Files.readAllBytes(future);
        ByteBuffer.wrap(b).putInt(8, CheckpointIO.VERSION + 1);
        Files.write(future, b);
        assertTrue(refusal(future).contains("format version " + (CheckpointIO.VERSION + 1) + " is newer"));

        // a valid checksum over a payload that does not decode
        Path bad = saved("bad.tbck");
        b = Files.readAllBytes(bad);
        b[CheckpointIO.HEADER] = 'Q';
        CRC32 crc = new CRC32();
        crc.update(b, CheckpointIO.HEADER, b.length - CheckpointIO.HEADER);
        ByteBuffer.wrap(b).putInt(20, (int) crc.getValue());
        Files.write(bad, b);
        assertTrue(refusal(bad).contains("malformed payload: unknown section tag"));

        assertTrue(refusal(dir.resolve("missing.tbck")).contains("no such file"));
    }

    @Test
    void listenerSavesAResumableCheckpointEachEpoch() throws IOException {
        Path file = dir.resolve("listener.tbck");
        ParameterSet ps = Fixtures.mlp(4);
        AdamW opt = new AdamW(ps, 0.02, 0.01);
        Trainer t = Trainer.builder(ps, opt, Fixtures.objective(ps)).batchSize(16).seed(5).epochs(2)
                .listener(new CheckpointListener(file, 1).meta("dataset", "blobs")).build();
        t.fit(Fixtures.blobs(40, 2));
        Checkpoint cp = CheckpointIO.read(file);
        assertEquals(2, cp.trainerState().epoch());
        assertEquals(0, cp.trainerState().batch());
        assertEquals(6, cp.trainerState().step());
        assertEquals(t.history().series("loss")[1], cp.trainerState().history().get(1).loss(), 0);
        assertEquals("blobs", cp.meta("dataset"));
        assertArrayEquals(Fixtures.bits(ps), Fixtures.bits(cp.newParameterSet()));
    }

    @Test
    void overwritingLeavesNoTemporaryFiles() throws IOException {
        Path file = saved("same.tbck");
        ParameterSet ps = Fixtures.mlp(2);
        CheckpointIO.write(file, Checkpoint.builder().parameters(ps).build());
        try (var files = Files.list(dir)) {
            assertEquals(List.of("same.tbck"), files.map(p -> p.getFileName().toString()).toList());
        }
        INDArray w1 = CheckpointIO.read(file).newParameterSet().get("w1").value();
        assertEquals(ps.get("w1").value(), w1);
    }
}
