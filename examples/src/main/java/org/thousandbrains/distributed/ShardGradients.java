package org.thousandbrains.distributed;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.thousandbrains.autodiff.Parameter;
import org.thousandbrains.autodiff.Tape;
import org.thousandbrains.model.GraphClassifier;
import org.thousandbrains.train.Forward;

/**
 * The executor's side of one data-parallel step: on the broadcast parameters, the gradient of one shard's mean
 * loss, weighted by {@code shard size / global batch} so that the partials add up to the gradient of the global
 * batch's mean loss. Classifiers are built once per run and executor thread from the {@link ModelFactory} and
 * kept in a pool (a classifier runs one pass at a time).
 */
final class ShardGradients implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Idle classifiers per run id, in this JVM. */
    private static final Map<String, Queue<GraphClassifier>> POOL = new ConcurrentHashMap<>();

    /** One shard's weighted gradients (learnable tensors in {@code parameters().learnable()} order) and loss. */
    record Partial(double[][] gradients, double loss, double seconds) implements Serializable {
    }

    private final String run;
    private final ModelFactory factory;
    private final int threads;
    private final Broadcast<ShardData> data;

    ShardGradients(String run, ModelFactory factory, int threads, Broadcast<ShardData> data) {
        this.run = run;
        this.factory = factory;
        this.threads = threads;
        this.data = data;
    }

    /** The weighted gradients of {@code shard} (indices into the data) within a global batch of {@code global}. */
    Partial compute(int[] shard, int global, double[][] values) {
        long t0 = System.nanoTime();
        Queue<GraphClassifier> idle = POOL.computeIfAbsent(run, r -> {
            POOL.keySet().removeIf(k -> !k.equals(r)); // one data-parallel run at a time per JVM
            return new ConcurrentLinkedQueue<>();
        });
        GraphClassifier model = idle.poll();
        if (model == null) model = factory.build().threads(threads);
        try {
            List<Parameter> ps = model.parameters().learnable();
            assign(ps, values);
            model.parameters().zeroGrad();
            Tape tape = new Tape();
            Forward f = model.forward(tape, data.value().batch(shard));
            tape.backward(f.loss());
            double w = (double) shard.length / global;
            double[][] g = new double[ps.size()][];
            for (int i = 0; i < g.length; i++) {
                g[i] = ps.get(i).grad().castTo(DataType.DOUBLE).dup('c').data().asDouble();
                for (int j = 0; j < g[i].length; j++) g[i][j] *= w;
            }
            return new Partial(g, f.loss().value().getDouble(0) * w, (System.nanoTime() - t0) * 1e-9);
        } finally {
            idle.add(model);
        }
    }

    /** Copies {@code values} into the learnable tensors (same order and sizes). */
    static void assign(List<Parameter> ps, double[][] values) {
        if (ps.size() != values.length) {
            throw new IllegalStateException("the executor's model has " + ps.size() + " learnable tensors, the driver sent "
                    + values.length + ": the model factory must build the same graph everywhere");
        }
        for (int i = 0; i < values.length; i++) {
            Parameter p = ps.get(i);
            if (p.size() != values[i].length) {
                throw new IllegalStateException("parameter '" + p.name() + "' has " + p.size() + " entries on the executor, "
                        + values[i].length + " on the driver: the model factory must build the same graph everywhere");
            }
            INDArray v = Nd4j.create(values[i], p.value().shape(), DataType.DOUBLE);
            p.set(v.castTo(p.value().dataType()));
        }
    }

    /** The learnable tensors' values, as sent to the executors. */
    static double[][] values(List<Parameter> ps) {
        double[][] v = new double[ps.size()][];
        for (int i = 0; i < v.length; i++) v[i] = ps.get(i).value().castTo(DataType.DOUBLE).dup('c').data().asDouble();
        return v;
    }
}
