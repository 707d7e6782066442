package org.thousandbrains.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.thousandbrains.autodiff.ParameterSet;
import org.thousandbrains.optim.Adam;
import org.thousandbrains.optim.OptimizerState;
import org.thousandbrains.optim.ParamGroup;
import org.thousandbrains.optim.Sgd;

class TrainerTest {
    private static Trainer.Builder setup(ParameterSet ps, long seed) {
        return Trainer.builder(ps, new Adam(ps, 0.1), Fixtures.objective(ps)).batchSize(16).seed(seed);
    }

    @Test
    void rngIsSplitMix64AsInSplittableRandom() {
        Rng r = new Rng(20261127L);
        SplittableRandom ref = new SplittableRandom(20261127L);
        for (int i = 0; i < 5; i++) assertEquals(ref.nextLong(), r.nextLong());
        int[] p = new Rng(3).permutation(50);
        Set<Integer> seen = new HashSet<>();
        for (int v : p) seen.add(v);
        assertEquals(50, seen.size());
        assertFalse(java.util.Arrays.equals(p, new Rng(4).permutation(50)));
    }

    @Test
    void learnsBlobsAndIsDeterministicForASeed() {
        ArrayExamples train = Fixtures.blobs(150, 1);
        ArrayExamples val = Fixtures.blobs(90, 2);
        ParameterSet a = Fixtures.mlp(5);
        History h = setup(a, 11).epochs(5).batchSize(30).evaluator(Evaluator.of("val", val, Fixtures.objective(a), 90))
                .build().fit(train);
        assertEquals(5, h.size());
        assertTrue(h.last().metric("val_accuracy") > 0.9, "val accuracy " + h.last().metric("val_accuracy"));
        assertTrue(h.last().loss() < h.epochs().get(0).loss() * 0.5, "loss " + java.util.Arrays.toString(h.series("loss")));
        assertEquals(5 * 5, h.last().steps());

        ParameterSet b = Fixtures.mlp(5);
        History h2 = setup(b, 11).epochs(5).batchSize(30).evaluator(Evaluator.of("val", val, Fixtures.objective(b), 90))
                .build().fit(train);
        assertArrayEquals(Fixtures.bits(a), Fixtures.bits(b));
        assertArrayEquals(h.series("loss"), h2.series("loss"), 0);

        ParameterSet c = Fixtures.mlp(5);
        setup(c, 12).epochs(1).batchSize(30).build().fit(train);
        ParameterSet d = Fixtures.mlp(5);
        setup(d, 11).epochs(1).batchSize(30).build().fit(train);
        assertFalse(java.util.Arrays.equals(Fixtures.bits(d), Fixtures.bits(c)), "another shuffling seed, another run");
    }

    @Test
    void earlyStoppingStopsAfterPatienceAndRestoresTheBestEpoch() {
        double[] valLoss = {5, 4, 4.5, 4.2, 3.0, 1.0};
        ParameterSet ps = Fixtures.mlp(5);
        List<INDArray> atEpoch2 = new ArrayList<>();
        TrainListener snap = new TrainListener() {
            @Override
            public void onEpochEnd(Trainer t, EpochResult r) {
                if (r.epoch() == 2) ps.forEach(p -> atEpoch2.add(p.value().dup()));
            }
        };
        Trainer t = setup(ps, 1).epochs(6).evaluator(e -> Map.of("val_loss", valLoss[e - 1]))
                .earlyStopping(EarlyStopping.min("val_loss", 2).restoreBest()).listener(snap).build();
        History h = t.fit(Fixtures.blobs(60, 1));
        assertEquals(4, h.size(), "epochs 3 and 4 did not improve on 4.0: stop after 4");
        assertEquals(2, t.earlyStopping().bestEpoch());
        List<INDArray> now = new ArrayList<>();
        ps.forEach(p -> now.add(p.value()));
        assertEquals(atEpoch2, now);
    }

    @Test
    void listenersSeeEveryCallbackAndTheProgressBarPrintsALinePerEpochOffTerminal() {
        List<String> calls = new ArrayList<>();
        TrainListener log = new TrainListener() {
            public void onEpochStart(Trainer t, int e, int n) { calls.add("start" + e + "/" + n); }
            public void beforeStep(Trainer t, Batch b) { calls.add("before"); }
            public void afterStep(Trainer t, Batch b) { calls.add("after"); }
            public void onBatchEnd(Trainer t, int e, int b, int n, double loss) { calls.add("batch" + b); }
            public void onEpochEnd(Trainer t, EpochResult r) { calls.add("end" + r.epoch()); }
            public void onTrainEnd(Trainer t, History h) { calls.add("done" + h.size()); }
        };
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ByteArrayOutputStream tty = new ByteArrayOutputStream();
        ParameterSet ps = Fixtures.mlp(5);
        setup(ps, 1).epochs(2).batchSize(25).listener(log)
                .listener(new ProgressBar(new PrintStream(plain, true, StandardCharsets.UTF_8), false))
                .listener(new ProgressBar(new PrintStream(tty, true, StandardCharsets.UTF_8), true))
                .build().fit(Fixtures.blobs(60, 1)); // 3 batches: 25, 25, 10
        assertEquals(List.of("start1/3", "before", "after", "batch0", "before", "after", "batch1", "before", "after", "batch2",
                "end1", "start2/3", "before", "after", "batch0", "before", "after", "batch1", "before", "after", "batch2", "end2",
                "done2"), calls);
        String[] lines = plain.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[1].startsWith("epoch 2/2 loss ") && lines[1].contains(" accuracy "), lines[1]);
        assertFalse(plain.toString(StandardCharsets.UTF_8).contains("\r"));
        String drawn = tty.toString(StandardCharsets.UTF_8);
        assertTrue(drawn.contains("\repoch 1/2 [") && drawn.contains("3/3 loss"), drawn);
    }

    @Test
    void stateAndRestoreResumeMidEpochBitForBit() {
        ArrayExamples train = Fixtures.blobs(100, 3); // 7 batches of 16 per epoch
        ParameterSet straight = Fixtures.mlp(9);
        Sgd opt = new Sgd(ParamGroup.byTag(straight, 0.1, 1e-3), 0.9, 0, true);
        History full = Trainer.builder(straight, opt, Fixtures.objective(straight)).batchSize(16).seed(77).epochs(3)
                .build().fit(train);

        ParameterSet first = Fixtures.mlp(9);
        Sgd opt1 = new Sgd(ParamGroup.byTag(first, 0.1, 1e-3), 0.9, 0, true);
        Trainer t1 = Trainer.builder(first, opt1, Fixtures.objective(first)).batchSize(16).seed(77).epochs(3)
                .listener(new TrainListener() {
                    public void onBatchEnd(Trainer t, int e, int b, int n, double l) {
                        if (t.step() == 10) t.requestStop();
                    }
                }).build();
        t1.fit(train);
        TrainerState s = t1.state();
        OptimizerState os = opt1.state();
        assertEquals(1, s.epoch());
        assertEquals(3, s.batch());

        ParameterSet resumed = Fixtures.mlp(1234); // other initial values, overwritten below
        for (var p : resumed) p.set(first.get(p.name()).value());
        Sgd opt2 = new Sgd(ParamGroup.byTag(resumed, 0.5, 0), 0.9, 0, true);
        opt2.loadState(os);
        Trainer t2 = Trainer.builder(resumed, opt2, Fixtures.objective(resumed)).batchSize(16).seed(1).epochs(3).build();
        t2.restore(s);
        History rest = t2.fit(train);
        assertArrayEquals(Fixtures.bits(straight), Fixtures.bits(resumed));
        assertArrayEquals(full.series("loss"), rest.series("loss"), 0);
        assertArrayEquals(full.series("accuracy"), rest.series("accuracy"), 0);
    }
}
