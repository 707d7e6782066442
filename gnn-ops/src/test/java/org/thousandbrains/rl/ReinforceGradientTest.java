package org.thousandbrains.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.thousandbrains.autodiff.Parameter;
import org.thousandbrains.env.CartPole;
import org.thousandbrains.env.CartPoleBatch;
import org.thousandbrains.graph.build.LayeredNetwork;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.topology.Activation;

/**
 * The REINFORCE gradient through the operator: on a linear policy against the closed form
 * {@code ∂L/∂w_ij = −(1/S) Σ_s A_s·o_{s,i}·(1[j = a_s] − p_{s,j})} (and the same without {@code o} for the
 * bias), computed here from the weights alone; on a tanh policy against central finite differences of
 * the surrogate loss; the per-time-step baseline on a hand example.
 */
class ReinforceGradientTest {
    private static Episodes rollout(Policy p, long seed) {
        return new PolicyRollout(p, new CartPoleBatch(CartPole.Constants.V1, 3, seed), seed).run();
    }

    private static double[] values(Parameter p) {
        return p.value().dup('c').data().asDouble();
    }

    private static double[] grad(Parameter p) {
        return p.grad().dup('c').data().asDouble();
    }

    @Test
    void linearPolicyGradientIsTheClosedForm() {
        Policy policy = Policy.linear(4, 2, 3);
        Episodes ep = rollout(policy, 11);
        double[] adv = Reinforce.advantages(ep, 0.99, true);
        Reinforce.accumulateGradient(policy, ep, adv);

        CompiledGraph g = policy.operator().graph();
        int[] in = policy.operator().inputNodes();
        int[] out = policy.operator().outputs();
        double[] w = values(policy.graphParameters().weight());
        double[] b = values(policy.graphParameters().bias());
        int[] feature = new int[g.nodeCount()];
        int[] action = new int[g.nodeCount()];
        for (int i = 0; i < in.length; i++) feature[in[i]] = i;
        for (int j = 0; j < out.length; j++) action[out[j]] = j;
        int steps = ep.totalSteps();
        double[] o = ep.observations();
        double[] expectW = new double[w.length];
        double[] expectB = new double[2];
        for (int s = 0; s < steps; s++) {
            double[] z = {b[out[0]], b[out[1]]};
            for (int e = 0; e < w.length; e++) z[action[g.dst()[e]]] += w[e] * o[s * 4 + feature[g.src()[e]]];
            double m = Math.max(z[0], z[1]);
            double z0 = Math.exp(z[0] - m);
            double z1 = Math.exp(z[1] - m);
            double[] p = {z0 / (z0 + z1), z1 / (z0 + z1)};
            assertEquals(ep.probabilities()[2 * s], p[0], 1e-12, "recorded probability of step " + s);
            for (int j = 0; j < 2; j++) {
                double r = -adv[s] / steps * ((ep.actions()[s] == j ? 1 : 0) - p[j]);
                expectB[j] += r;
                for (int e = 0; e < w.length; e++) {
                    if (action[g.dst()[e]] == j) expectW[e] += r * o[s * 4 + feature[g.src()[e]]];
                }
            }
        }
        assertEquals(8, w.length, "4 x 2 edges");
        assertArrayEquals(expectW, grad(policy.graphParameters().weight()), 1e-12);
        double[] gb = grad(policy.graphParameters().bias());
        assertEquals(expectB[0], gb[out[0]], 1e-12);
        assertEquals(expectB[1], gb[out[1]], 1e-12);
    }

    @Test
    void tanhPolicyGradientMatchesFiniteDifferences() {
        Policy policy = new Policy(LayeredNetwork.builder().inputs(4).dense(5, Activation.TANH).outputs(2).delay(0).seed(9).build());
        Episodes ep = rollout(policy, 4);
        double[] adv = Reinforce.advantages(ep, 0.99, true);
        double loss = Reinforce.accumulateGradient(policy, ep, adv);
        assertEquals(loss, surrogate(policy, ep, adv), 1e-12, "the returned loss is the surrogate of the current policy");
        for (Parameter p : policy.parameters()) {
            double[] grad = grad(p);
            for (int e = 0; e < grad.length; e++) {
                double h = 1e-6;
                double v = p.value().getDouble(0, e);
                p.value().putScalar(0, e, v + h);
                double up = surrogate(policy, ep, adv);
                p.value().putScalar(0, e, v - h);
                double down = surrogate(policy, ep, adv);
                p.value().putScalar(0, e, v);
                assertEquals((up - down) / (2 * h), grad[e], 1e-8, p.name() + "[" + e + "]");
            }
        }
    }

    private static double surrogate(Policy policy, Episodes ep, double[] adv) {
        double[] probs = policy.probabilities(ep.observations(), ep.totalSteps());
        return Reinforce.surrogateLoss(probs, ep.actions(), adv, 2);
    }

    /**
     * Episodes of 3 and 1 steps, reward 1, γ = 0.5: G = (1.75, 1.5, 1) and (1); per-step baselines
     * b_0 = (1.75 + 1)/2 = 1.375, b_1 = 1.5, b_2 = 1, so A = (0.375, 0, 0, −0.375), whose root mean square is
     * 0.375/√2: normalized A = (√2, 0, 0, −√2).
     */
    @Test
    void perTimeStepBaselineOnAHandExample() {
        Episodes ep = new Episodes(1, 2, new double[4], new int[4], new double[] {.5, .5, .5, .5, .5, .5, .5, .5},
                new double[] {1, 1, 1, 1}, new int[] {0, 3, 4}, new boolean[] {true, true});
        assertArrayEquals(new double[] {1.75, 1.5, 1, 1}, ep.returnsToGo(0.5), 0.0);
        assertArrayEquals(new double[] {0.375, 0, 0, -0.375}, Reinforce.advantages(ep, 0.5, false), 1e-15);
        double r = Math.sqrt(2);
        assertArrayEquals(new double[] {r, 0, 0, -r}, Reinforce.advantages(ep, 0.5, true), 1e-15);
        assertArrayEquals(new double[] {3, 1}, ep.returns(), 0.0);
    }

    @Test
    void rejectsDelayedEdges() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Policy(LayeredNetwork.builder().inputs(4).outputs(2).delay(1).build()));
        assertTrue(e.getMessage().contains("instant"), e.getMessage());
    }
}
