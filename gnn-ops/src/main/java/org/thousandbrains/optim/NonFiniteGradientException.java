package org.thousandbrains.optim;

/**
 * Thrown by {@link Optimizer#step()} before it changes anything when a learnable parameter's gradient
 * holds a NaN or an infinity: the step would write NaN into the parameters (and the optimizer's moments).
 */
public class NonFiniteGradientException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final String parameter;

    public NonFiniteGradientException(String parameter) {
        super("gradient of '" + parameter + "' has NaN/Inf; parameters left unchanged");
        this.parameter = parameter;
    }

    /** The name of the first parameter (in group order) whose gradient is not finite. */
    public String parameter() { return parameter; }
}
