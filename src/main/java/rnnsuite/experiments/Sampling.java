package rnnsuite.experiments;

import java.nio.file.Path;
import rnnsuite.data.Dataset;
import rnnsuite.data.PreparedCache;
import rnnsuite.data.PreparedData;
import rnnsuite.data.StepSplit;
import rnnsuite.train.TextSampler;

/**
 * {@code sample RUN}: text from a character model (datasets {@code chars} and {@code text}), reloaded from its run
 * with the vocabulary and window it trained on. Without a prime it starts from the first 40 characters of its test
 * split, as the report's samples do.
 */
public final class Sampling {

    private Sampling() {
    }

    /** The first 40 characters of a character dataset's test split: where the report's samples start. */
    static String testPrime(PreparedData data) {
        int[] first = ((StepSplit) data.test()).x()[0];
        StringBuilder prime = new StringBuilder();
        for (int t = 0; t < Math.min(40, first.length); t++) {
            prime.append(data.vocabulary().word(first[t]));
        }
        return prime.toString();
    }

    /** The prime (given, or the test split's first characters) followed by {@code length} characters of the model's. */
    public static String of(Path target, String prime, double temperature, int length, long seed) {
        SavedRun run = SavedRun.at(target);
        Dataset dataset = run.trial().data().kind();
        if (run.trial().baseline() != null || !dataset.samplesText()) {
            throw new IllegalArgumentException("run " + run.trial().runId() + " is not a character model (dataset "
                    + dataset.id() + (run.trial().baseline() != null ? ", a baseline" : "") + "): sample writes text from a "
                    + "recurrent run on chars or text");
        }
        PreparedData data = PreparedCache.get(run.trial().data());
        String start = prime != null ? prime : testPrime(data);
        return start + TextSampler.sample(run.network(), data.vocabulary(), data.spec().maxLen(), start, temperature, length, seed);
    }
}
