package org.thousandbrains.rl;

import java.util.SplittableRandom;

import org.thousandbrains.env.CartPole;
import org.thousandbrains.env.CartPoleBatch;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.ops.ForwardPass;
import org.thousandbrains.ops.Inputs;
import org.thousandbrains.ops.Precision;
import org.thousandbrains.ops.TemporalOperator;
import org.thousandbrains.rules.ThreeFactor;

/**
 * Cart-pole learned by reward alone: a graph policy (4 state inputs → 2 action nodes, instant edges,
 * one operator step per decision; a softmax over the action nodes draws the push) trained with the
 * three-factor rule, no backpropagation. The action nodes are the stochastic nodes, {@code ψ = F − p}
 * (F = 1 for the chosen push); the eligibility of each edge sums {@code s_e(t)·ψ(t)} over an episode
 * ({@code γ = 1}, so an episode that has ended leaves its traces alone while the others run on); after a
 * batch of parallel episodes {@code Δw = η·mean_b (R_b − R̄)·E_b} with {@code R_b} the episode's return
 * divided by the 500-step cap, and the running baseline {@code R̄} follows. Inputs are the state divided
 * by {@link PolicyRollout#CARTPOLE_SCALE}, as REINFORCE's rollouts do.
 */
public final class ThreeFactorCartPole {
    /** Settings: episodes per update, the rule's η and α, initial weight scale, the episode budget and the bar. */
    public record Settings(int batch, double eta, double alpha, double initScale, int maxEpisodes, double solvedAt) {
        /** The defaults: 4 episodes per update, η = 0.3, α = 0.1, weights ±0.1, 3000 episodes, mean 195 over 100 (v0's bar). */
        public static final Settings DEFAULT = new Settings(4, 0.3, 0.1, 0.1, 3000, 195);
    }

    private final Settings settings;
    private final long seed;

    /** Episodes over which the mean return is held to the bar. */
    public static final int WINDOW = 100;

    public ThreeFactorCartPole(Settings settings, long seed) {
        this.settings = settings;
        this.seed = seed;
    }

    /** The policy graph: inputs {@code x, ẋ, θ, θ̇}, outputs {@code left, right}, weights uniform in ±scale. */
    public static CompiledGraph policyGraph(double scale, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Network net = new Network();
        String[] names = {"x", "x_dot", "theta", "theta_dot"};
        Neuron[] in = new Neuron[names.length];
        for (int i = 0; i < names.length; i++) in[i] = net.addNode(names[i], NodeKind.INPUT);
        Neuron left = net.addNode("left", NodeKind.OUTPUT, Activation.IDENTITY);
        Neuron right = net.addNode("right", NodeKind.OUTPUT, Activation.IDENTITY);
        for (Neuron u : in) {
            for (Neuron v : new Neuron[] {left, right}) {
                net.connect(u, v, scale * (2 * rng.nextDouble() - 1), 0.0, 0.0).learnable(Learnable.WEIGHT);
            }
        }
        net.settings().delayRange(0, 1).readout(1, 1);
        return GraphCompiler.compile(net);
    }

    /** Trains until the mean return of the last 100 episodes reaches the bar, or the budget is spent. */
    public TrainingResult train(java.util.function.IntConsumer progress) {
        long t0 = System.nanoTime();
        CompiledGraph g = policyGraph(settings.initScale(), seed);
        TemporalOperator op = TemporalOperator.of(g).precision(Precision.FLOAT64).threads(1).recordInternals(true);
        ThreeFactor rule = new ThreeFactor(1.0, settings.eta(), settings.alpha());
        int B = settings.batch();
        CartPoleBatch envs = new CartPoleBatch(CartPole.Constants.V1, B, seed + 1);
        SplittableRandom draw = new SplittableRandom(seed + 2);
        int[] inputs = op.inputNodes();
        int[] outs = op.outputs();
        int cap = CartPole.Constants.V1.maxEpisodeSteps();
        double[] w = op.parameters().weight();
        double[] returns = new double[settings.maxEpisodes() + B];
        int n = 0;
        int solved = -1;
        while (n < settings.maxEpisodes() && solved < 0) {
            envs.reset();
            ThreeFactor.Eligibility el = rule.eligibility(g.edgeCount(), B);
            double[] ret = new double[B];
            while (!envs.allDone()) {
                double[] obs = new double[inputs.length * B];
                for (int b = 0; b < B; b++) {
                    if (envs.done(b)) continue;
                    double[] s = envs.state(b);
                    for (int i = 0; i < inputs.length; i++) obs[i * B + b] = s[i] / PolicyRollout.CARTPOLE_SCALE[i];
                }
                int[] actions = new int[B];
                try (ForwardPass f = op.forward(Inputs.perStep(inputs, 1, B, obs), 1, B, null)) {
                    double[] y = f.readout();
                    double[][] psi = new double[2][g.nodeCount() * B];
                    for (int b = 0; b < B; b++) {
                        if (envs.done(b)) continue;
                        double m = Math.max(y[b], y[B + b]);
                        double e0 = Math.exp(y[b] - m);
                        double e1 = Math.exp(y[B + b] - m);
                        double p1 = e1 / (e0 + e1);
                        actions[b] = draw.nextDouble() < p1 ? 1 : 0;
                        psi[1][outs[0] * B + b] = (actions[b] == 0 ? 1 : 0) - (1 - p1);
                        psi[1][outs[1] * B + b] = (actions[b] == 1 ? 1 : 0) - p1;
                    }
                    el.accumulate(f, psi);
                }
                CartPole.Transition[] tr = envs.step(actions);
                for (int b = 0; b < B; b++) if (tr[b] != null) ret[b] += tr[b].reward();
            }
            double[] reward = new double[B];
            for (int b = 0; b < B; b++) {
                reward[b] = ret[b] / cap;
                returns[n++] = ret[b];
                if (solved < 0 && n >= WINDOW && TrainingResult.meanOfLast(returns, n, WINDOW) >= settings.solvedAt()) solved = n;
            }
            double[] dw = rule.update(el, reward);
            for (int e = 0; e < dw.length; e++) w[e] += dw[e];
            if (progress != null) progress.accept(n);
        }
        return new TrainingResult(solved > 0, solved > 0 ? solved : n, (System.nanoTime() - t0) * 1e-9,
                java.util.Arrays.copyOf(returns, n));
    }
}
