package rnnsuite.experiments;

import java.io.PrintStream;
import java.util.Locale;
import rnnsuite.train.EpochResult;
import rnnsuite.train.TrainingProgress;

/**
 * Plain progress lines: one every few seconds within an epoch (batch, loss, ETA of the epoch) and one
 * per finished epoch. Lines, not control characters, so logs and piped output stay readable.
 */
public final class ConsoleProgress implements TrainingProgress {

    private static final long INTERVAL_NANOS = 15_000_000_000L;

    private final PrintStream out;
    private final String label;
    private long epochStart;
    private long lastLine;

    public ConsoleProgress(PrintStream out, String label) {
        this.out = out;
        this.label = label;
    }

    @Override
    public void epochStarted(int epoch, int epochs, int batches) {
        epochStart = System.nanoTime();
        lastLine = epochStart;
    }

    @Override
    public void batchDone(int epoch, int batch, int batches, double loss) {
        long now = System.nanoTime();
        if (now - lastLine < INTERVAL_NANOS || batch == batches) {
            return;
        }
        lastLine = now;
        double elapsed = (now - epochStart) / 1e9;
        double eta = elapsed / batch * (batches - batch);
        out.printf(Locale.ROOT, "  %s epoch %d  batch %d/%d  loss %.4f  %.0fs elapsed, ~%.0fs left in epoch%n",
                label, epoch, batch, batches, loss, elapsed, eta);
    }

    @Override
    public void epochDone(EpochResult r, int epochs) {
        out.println(epochLine(label, r, epochs));
    }

    @Override
    public void note(String message) {
        out.println("  " + label + " " + message);
    }

    /** The line that stays for a finished epoch, with a bar or without. */
    static String epochLine(String label, EpochResult r, int epochs) {
        return String.format(Locale.ROOT, "  %s epoch %d/%d  train_loss %.4f  val_loss %.4f%s  grad_norm %.3g  (%.1fs)",
                label, r.epoch(), epochs, r.trainLoss(), r.valLoss(),
                Double.isNaN(r.valAccuracy()) ? "" : String.format(Locale.ROOT, "  val_accuracy %.4f", r.valAccuracy()),
                r.gradNormMean(), r.seconds());
    }
}
