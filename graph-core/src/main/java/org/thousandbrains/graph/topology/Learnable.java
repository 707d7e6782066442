package org.thousandbrains.graph.topology;

import java.util.Locale;

/**
 * Which parameters of a synapse training may change, as a bit set over weight, delay and leak.
 * GraphML spelling: a comma list such as {@code weight,delay}, or {@code all}/{@code true}, or
 * {@code none}/{@code false}.
 */
public final class Learnable {
    public static final int WEIGHT = 1;
    public static final int DELAY = 2;
    public static final int LEAK = 4;
    public static final int ALL = WEIGHT | DELAY | LEAK;
    public static final int NONE = 0;

    private Learnable() {
    }

    public static int parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.equals("all") || t.equals("true") || t.equals("1")) return ALL;
        if (t.isEmpty() || t.equals("none") || t.equals("false") || t.equals("0")) return NONE;
        int mask = 0;
        for (String part : t.split("[,;|\\s]+")) {
            switch (part) {
                case "weight": case "w": mask |= WEIGHT; break;
                case "delay": case "d": mask |= DELAY; break;
                case "leak": case "lam": case "lambda": mask |= LEAK; break;
                default:
                    throw new IllegalArgumentException("unknown learnable parameter '" + part
                            + "' (expected weight, delay, leak, all or none)");
            }
        }
        return mask;
    }

    public static String format(int mask) {
        if (mask == ALL) return "weight,delay,leak";
        if (mask == NONE) return "none";
        StringBuilder sb = new StringBuilder();
        if ((mask & WEIGHT) != 0) sb.append("weight");
        if ((mask & DELAY) != 0) sb.append(sb.length() > 0 ? "," : "").append("delay");
        if ((mask & LEAK) != 0) sb.append(sb.length() > 0 ? "," : "").append("leak");
        return sb.toString();
    }
}
