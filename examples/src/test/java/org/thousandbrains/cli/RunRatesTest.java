package org.thousandbrains.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.thousandbrains.api.Data;
import org.thousandbrains.io.Json;
import org.thousandbrains.model.Architecture;
import org.thousandbrains.model.GraphClassifier;
import org.thousandbrains.optim.Optimizer;

/** {@code --delay-lr} / {@code --leak-lr}: the optimizer's delay and leak groups get them, and the run configuration keeps them. */
class RunRatesTest {
    private static GraphClassifier temporal() {
        return GraphClassifier.of(Architecture.TEMPORAL.network(64, new int[] {32, 32}, 10, 0)).threads(1);
    }

    /** The optimizer of the run the configuration gives (the trainer is built, nothing is trained). */
    private static Optimizer optimizer(RunConfig c) {
        return ModelRun.training(c, temporal(), Data.digits(), System.out).trainer().optimizer();
    }

    @Test
    void delaysAndLeaksTrainAtTheirOwnRates() {
        RunConfig c = RunConfig.builtIn("digits", Architecture.TEMPORAL, new int[] {32, 32}, 1, 128, 1e-3, 0).withRates(0.05, 0.02);
        Optimizer opt = optimizer(c);
        assertEquals(0.05, opt.group("delay").lr());
        assertEquals(0.02, opt.group("leak").lr());
        assertEquals(1e-3, opt.group("weight").lr());
        assertEquals(1e-3, opt.group("bias").lr());
        Optimizer plain = optimizer(c.withRates(0, 0));
        assertEquals(1e-3, plain.group("delay").lr());
        assertEquals(1e-3, plain.group("leak").lr());
    }

    @Test
    void theRatesTravelInTheRunConfiguration() {
        RunConfig c = RunConfig.builtIn("digits", Architecture.TEMPORAL, new int[] {32, 32}, 1, 128, 1e-3, 0).withRates(0.05, 0);
        Map<String, Object> json = c.toJson();
        assertEquals(0.05, json.get("delay_lr"));
        assertFalse(json.containsKey("leak_lr"), "an unset rate is not written");
        RunConfig back = RunConfig.fromJson(Json.parse(Json.writeCompact(json)));
        assertEquals(0.05, back.delayRate());
        assertEquals(1e-3, back.leakRate());
        RunConfig older = RunConfig.fromJson(Json.parse(Json.writeCompact(c.withRates(0, 0).toJson())));
        assertEquals(1e-3, older.delayRate(), "a configuration without the keys trains delays at lr");
    }
}
