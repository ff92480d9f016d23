package rnnsuite.experiments;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import rnnsuite.train.EpochResult;
import rnnsuite.train.TrainingProgress;

/**
 * A progress bar per epoch (batches, loss, time left) when the output is a terminal; the finished
 * epoch's line stays. Without a terminal {@link ConsoleProgress} prints plain lines instead.
 */
public final class TerminalProgress implements TrainingProgress {

    private final PrintStream out;
    private final String label;
    private ProgressBar bar;

    public TerminalProgress(PrintStream out, String label) {
        this.out = out;
        this.label = label;
    }

    /** A bar on a terminal, plain periodic lines elsewhere (CI, a pipe, a file). */
    public static TrainingProgress forOutput(PrintStream out, String label) {
        return out == System.out && System.console() != null ? new TerminalProgress(out, label) : new ConsoleProgress(out, label);
    }

    @Override
    public void epochStarted(int epoch, int epochs, int batches) {
        bar = new ProgressBarBuilder().setTaskName(label + " epoch " + epoch + "/" + epochs).setInitialMax(batches)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate().build();
    }

    @Override
    public void batchDone(int epoch, int batch, int batches, double loss) {
        bar.stepTo(batch);
        bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f", loss));
    }

    @Override
    public void epochDone(EpochResult r, int epochs) {
        bar.close();
        out.println(ConsoleProgress.epochLine(label, r, epochs));
    }

    @Override
    public void note(String message) {
        out.println("  " + label + " " + message);
    }
}
