package org.thousandbrains.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.thousandbrains.ops.ForwardPass;

/**
 * Reads and combines learning rules. The one-line form, as {@code tb train --rule}, the GraphML graph
 * key {@code rule} and checkpoints store it: {@code bptt} (default), {@code fired-only},
 * {@code l1=α}, {@code hebbian=η_h}, {@code three-factor[=η][,gamma=γ][,alpha=α]}, joined by
 * {@code +} to combine, e.g. {@code fired-only+hebbian=0.001}. Three-factor learning replaces
 * backpropagation, so it stands alone.
 */
public final class Rules {
    private Rules() {
    }

    /** The rule a spec names; an unknown name or a bad number is an error naming the part. */
    public static LearningRule parse(String spec) {
        if (spec == null || spec.isBlank()) return Bptt.RULE;
        List<LearningRule> parts = new ArrayList<>();
        for (String raw : spec.split("\\+")) parts.add(one(raw.trim(), spec));
        if (parts.size() == 1) return parts.get(0);
        return combine(parts.toArray(LearningRule[]::new));
    }

    /** The rules applied together: masks multiply, state losses add, weight changes add. */
    public static LearningRule combine(LearningRule... rules) {
        List<LearningRule> kept = new ArrayList<>();
        for (LearningRule r : rules) {
            if (!r.backpropagates()) {
                throw new IllegalArgumentException("rule " + r.spec() + " replaces backpropagation and cannot be combined with others");
            }
            if (r != Bptt.RULE) kept.add(r);
        }
        if (kept.isEmpty()) return Bptt.RULE;
        if (kept.size() == 1) return kept.get(0);
        return new Combined(List.copyOf(kept));
    }

    private static LearningRule one(String part, String whole) {
        String name = part;
        String arg = null;
        int eq = part.indexOf('=');
        if (eq >= 0) {
            name = part.substring(0, eq).trim();
            arg = part.substring(eq + 1).trim();
        }
        switch (name.toLowerCase(Locale.ROOT)) {
            case "bptt":
                noArgument(name, arg, whole);
                return Bptt.RULE;
            case "fired-only":
                noArgument(name, arg, whole);
                return FiredOnly.RULE;
            case "l1":
                return new L1Activity(number(name, arg, whole));
            case "hebbian":
                return new HebbianStrengthening(number(name, arg, whole));
            case "three-factor":
                return threeFactor(arg, whole);
            default:
                throw new IllegalArgumentException("unknown learning rule '" + name + "' in '" + whole
                        + "' (known: bptt, fired-only, l1=ALPHA, hebbian=ETA, three-factor[=ETA][,gamma=G][,alpha=A])");
        }
    }

    private static ThreeFactor threeFactor(String arg, String whole) {
        double eta = ThreeFactor.ETA;
        double gamma = ThreeFactor.GAMMA;
        double alpha = ThreeFactor.ALPHA;
        if (arg != null && !arg.isEmpty()) {
            String[] fields = arg.split(",");
            for (int i = 0; i < fields.length; i++) {
                String f = fields[i].trim();
                int eq = f.indexOf('=');
                if (i == 0 && eq < 0) {
                    eta = number("three-factor", f, whole);
                } else if (eq > 0 && f.substring(0, eq).trim().equals("gamma")) {
                    gamma = number("gamma", f.substring(eq + 1), whole);
                } else if (eq > 0 && f.substring(0, eq).trim().equals("alpha")) {
                    alpha = number("alpha", f.substring(eq + 1), whole);
                } else {
                    throw new IllegalArgumentException("three-factor option '" + f + "' in '" + whole + "' is not ETA, gamma=G or alpha=A");
                }
            }
        }
        return new ThreeFactor(gamma, eta, alpha);
    }

    private static void noArgument(String name, String arg, String whole) {
        if (arg != null) throw new IllegalArgumentException("rule " + name + " takes no value, got '" + arg + "' in '" + whole + "'");
    }

    private static double number(String name, String arg, String whole) {
        if (arg == null || arg.isEmpty()) throw new IllegalArgumentException("rule " + name + " needs a value (" + name + "=NUMBER) in '" + whole + "'");
        try {
            return Double.parseDouble(arg.trim());
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("rule " + name + ": '" + arg + "' is not a number in '" + whole + "'");
        }
    }

    /** Several backpropagating rules at once. */
    private record Combined(List<LearningRule> rules) implements LearningRule {
        @Override
        public String spec() {
            return String.join("+", rules.stream().map(LearningRule::spec).toList());
        }

        @Override
        public boolean needsTraces() {
            return rules.stream().anyMatch(LearningRule::needsTraces);
        }

        @Override
        public byte[] parameterMask(ForwardPass pass) {
            byte[] mask = null;
            for (LearningRule r : rules) {
                byte[] m = r.parameterMask(pass);
                if (m == null) continue;
                if (mask == null) mask = m.clone();
                else for (int i = 0; i < mask.length; i++) mask[i] &= m[i];
            }
            return mask;
        }

        @Override
        public double addStateLoss(ForwardPass pass, boolean[] hidden, double[][] dStates) {
            double sum = 0;
            for (LearningRule r : rules) sum += r.addStateLoss(pass, hidden, dStates);
            return sum;
        }

        @Override
        public double[] weightChangeAfterStep(ForwardPass pass, boolean[] correct) {
            double[] total = null;
            for (LearningRule r : rules) {
                double[] d = r.weightChangeAfterStep(pass, correct);
                if (d == null) continue;
                if (total == null) total = d.clone();
                else for (int i = 0; i < total.length; i++) total[i] += d[i];
            }
            return total;
        }

        @Override
        public String toString() {
            return spec();
        }
    }
}
