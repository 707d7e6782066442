package org.thousandbrains.bench.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.thousandbrains.graph.build.RandomGraphs;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.ops.CsrSpmm;

/**
 * JMH benchmark of the single-step CSR kernel {@code Y = A·X} ({@link CsrSpmm}, float32, node-major
 * {@code [N][B]}) on the seeded uniform random graph of {@code tb bench spmm}, at the sizes the
 * torch.sparse/SciPy peers are measured on. Run after {@code mvn package}:
 * <pre>{@code
 * java -cp "examples/target/examples-0.1.0-SNAPSHOT.jar:examples/target/lib/*" org.openjdk.jmh.Main CsrSpmmBenchmark
 * }</pre>
 * (append e.g. {@code -p batch=32 -p threads=1} to narrow the grid). The forked JVM gets
 * {@code --add-modules jdk.incubator.vector}, as {@code tb} does.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-XX:PerMethodTrapLimit=100000", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CsrSpmmBenchmark {
    @Param({"100000"})
    public int nodes;

    @Param({"1000000"})
    public long edges;

    @Param({"1", "32", "128"})
    public int batch;

    @Param({"2"})
    public int threads;

    private CsrSpmm kernel;
    private float[] x;
    private float[] y;

    @Setup
    public void setUp() {
        CompiledGraph g = GraphCompiler.compile(RandomGraphs.uniform(RandomGraphs.spec().nodes(nodes).edges(edges).seed(42)));
        kernel = CsrSpmm.of(g).threads(threads);
        x = new float[nodes * batch];
        y = new float[nodes * batch];
        SplittableRandom rng = new SplittableRandom(43);
        for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextGaussian();
    }

    @Benchmark
    public float[] multiply() {
        kernel.multiply(x, y, batch);
        return y;
    }
}
