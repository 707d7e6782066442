package org.thousandbrains.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Training progress: on a terminal one line redrawn with {@code \r} (bar, batch, running loss, elapsed
 * and remaining time) at most every 100 ms plus a summary line per epoch; elsewhere (logs, pipes) only
 * the summary line per epoch.
 */
public final class ProgressBar implements TrainListener {
    private static final int WIDTH = 24;
    private final PrintStream out;
    private final boolean interactive;
    private long epochStart;
    private long lastDraw;
    private double runningLoss;
    private int counted;

    /** Draws on standard output, interactively when a console is attached. */
    public ProgressBar() {
        this(System.out, System.console() != null);
    }

    public ProgressBar(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    @Override
    public void onEpochStart(Trainer trainer, int epoch, int batches) {
        epochStart = System.nanoTime();
        lastDraw = 0;
        runningLoss = 0;
        counted = 0;
    }

    @Override
    public void onBatchEnd(Trainer trainer, int epoch, int batch, int batches, double loss) {
        runningLoss += loss;
        counted++;
        if (!interactive) return;
        long now = System.nanoTime();
        if (batch + 1 < batches && now - lastDraw < 100_000_000L) return;
        lastDraw = now;
        double elapsed = (now - epochStart) * 1e-9;
        double frac = (batch + 1) / (double) batches;
        int fill = (int) Math.round(frac * WIDTH);
        String bar = "=".repeat(fill) + " ".repeat(WIDTH - fill);
        double eta = counted == 0 ? 0 : elapsed / counted * (batches - batch - 1);
        out.print(String.format(Locale.ROOT, "\repoch %d/%d [%s] %d/%d loss %.4f %s eta %s\u001b[K", epoch, trainer.epochs(),
                bar, batch + 1, batches, runningLoss / counted, time(elapsed), time(eta)));
        out.flush();
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochResult r) {
        StringBuilder sb = new StringBuilder();
        if (interactive) sb.append("\r\u001b[K");
        sb.append(String.format(Locale.ROOT, "epoch %d/%d loss %.4f", r.epoch(), trainer.epochs(), r.loss()));
        if (!Double.isNaN(r.accuracy())) sb.append(String.format(Locale.ROOT, " accuracy %.4f", r.accuracy()));
        for (Map.Entry<String, Double> m : r.metrics().entrySet()) {
            sb.append(String.format(Locale.ROOT, " %s %.4f", m.getKey(), m.getValue()));
        }
        sb.append(String.format(Locale.ROOT, " (%s)", time(r.seconds())));
        out.println(sb);
        out.flush();
    }

    private static String time(double s) {
        if (s < 60) return String.format(Locale.ROOT, "%.1fs", s);
        return String.format(Locale.ROOT, "%dm%02ds", (long) s / 60, (long) s % 60);
    }
}
