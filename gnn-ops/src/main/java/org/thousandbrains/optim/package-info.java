/**
 * Optimizers with PyTorch's exact update formulas, parameter groups, gradient clipping and
 * post-step projections.
 *
 * <ul>
 *   <li>{@link org.thousandbrains.optim.ParamGroup}: parameters sharing a learning rate and weight decay
 *       ({@code group.lr(x)}, {@code group.weightDecay(x)} may be changed between steps, e.g. by a schedule).
 *       {@code ParamGroup.byTag(parameterSet, lr, weightDecay)} makes one group per
 *       {@link org.thousandbrains.autodiff.Parameter#group()} tag (learnable parameters only, first-seen
 *       order); then e.g. {@code optimizer.group("delay").lr(100 * lr)} as in the DCLS delay papers.</li>
 *   <li>{@link org.thousandbrains.optim.Optimizer}: {@code step()} updates every learnable parameter of
 *       every group from its {@code grad()} and then applies the parameter's
 *       {@link org.thousandbrains.autodiff.Projection} (if any); {@code zeroGrad()}; {@code groups()},
 *       {@code group(name)}; {@code state()} / {@code loadState(OptimizerState)} for checkpoints (moments,
 *       per-parameter step counts, group hyper-parameters, keyed by parameter name).</li>
 *   <li>{@link org.thousandbrains.optim.Sgd}: momentum, dampening, Nesterov and L2 weight decay as
 *       {@code torch.optim.SGD} (the momentum buffer starts as the first gradient).</li>
 *   <li>{@link org.thousandbrains.optim.Adam}: L2 weight decay added to the gradient, bias correction,
 *       eps outside the square root, as {@code torch.optim.Adam}:
 *       {@code p -= lr/(1-b1^t) * m / (sqrt(v)/sqrt(1-b2^t) + eps)}.</li>
 *   <li>{@link org.thousandbrains.optim.AdamW}: decoupled weight decay {@code p *= 1 - lr*wd} before the
 *       Adam step, as {@code torch.optim.AdamW}.</li>
 *   <li>{@link org.thousandbrains.optim.GradClip}: {@code byGlobalNorm(params, maxNorm)} (returns the
 *       norm before clipping; scale {@code maxNorm/(norm+1e-6)} when it exceeds, as
 *       {@code clip_grad_norm_}) and {@code byValue(params, limit)}.</li>
 * </ul>
 *
 * <p>Updates run as one fused loop per parameter over its native memory (float arithmetic for float32
 * parameters, double for float64), in the operand order of PyTorch's CPU kernels: float64 results match
 * {@code torch.optim} to 1e-15, float32 ones to within 2 ulp after three steps (tests). {@code step()}
 * first checks every learnable gradient (one pass each) and throws a
 * {@link org.thousandbrains.optim.NonFiniteGradientException} naming the first one that holds a NaN or an
 * infinity, before any parameter or optimizer state has changed.
 *
 * <pre>{@code
 * Adam opt = new Adam(ParamGroup.byTag(model.parameters(), 1e-3, 0.0));
 * opt.group("delay").lr(0.1);
 * for (...) { opt.zeroGrad(); Tape t = new Tape(); t.backward(loss(t)); GradClip.byGlobalNorm(opt.parameters(), 1.0); opt.step(); }
 * }</pre>
 */
package org.thousandbrains.optim;
