package rnnsuite.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A dataset ready for every variant: the same split, encoding (and vocabulary) made once per plan.
 *
 * @param classes    class labels in class-id order (per step: the symbols or characters); empty for regression and JSB
 * @param vocabulary the token vocabulary when the sequences are token ids, else null
 * @param features   numbers per step when the sequences are vectors, else 0
 * @param trainingTokens the training split's documents as tokens (whole, untruncated) for text data,
 *                   else empty: what word vectors are trained on, so they never see validation or test text
 */
public record PreparedData(
        DataSpec spec,
        List<String> classes,
        Vocabulary vocabulary,
        int features,
        SequenceSplit train,
        SequenceSplit validation,
        SequenceSplit test,
        DatasetSummary summary,
        List<List<String>> trainingTokens) {

    public int numClasses() {
        return classes.size();
    }

    /** What the data asks of a network: a class or a number per sequence, or an output at every step. */
    public Dataset.Task task() {
        return spec.kind().task();
    }

    /** A regression task (one target value per sequence) rather than classification. */
    public boolean regression() {
        return task() == Dataset.Task.REGRESSION;
    }

    /** Sequences of token ids (through an embedding) rather than of feature vectors. */
    public boolean tokens() {
        return vocabulary != null;
    }

    /** Outputs per example (per step, for a per-step task): the classes, 1 for regression, the labels of a frame. */
    public int outputs() {
        return switch (task()) {
            case CLASSIFICATION, STEP_CLASSES -> classes.size();
            case REGRESSION -> 1;
            case STEP_LABELS -> features;
        };
    }

    /**
     * A hash of everything the splits serve a network, batch by batch in stored order (features, labels, masks,
     * shapes): two runs with the same fingerprint read the same data, however and wherever it was prepared.
     */
    public String fingerprint() {
        return fingerprint(true);
    }

    /** The same over the training and validation splits alone unless {@code withTest}: what a search candidate reads. */
    public String fingerprint(boolean withTest) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (SequenceSplit split : withTest ? List.of(train, validation, test) : List.of(train, validation)) {
                sha.update(split.name().getBytes(StandardCharsets.UTF_8));
                ShuffledBatches batches = split.batches(FINGERPRINT_BATCH, null);
                while (batches.hasNext()) {
                    DataSet batch = batches.next();
                    for (INDArray array : new INDArray[] {batch.getFeatures(), batch.getLabels(), batch.getFeaturesMaskArray()}) {
                        update(sha, array);
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Small, because a batch is padded to its longest sequence: 256 piano rolls padded to MuseData's 3,457 frames
     * were 311 MB a copy, several copies live at once, and ran a 1 GB heap out while two runs trained beside it.
     */
    private static final int FINGERPRINT_BATCH = 16;

    private static void update(MessageDigest sha, INDArray array) {
        if (array == null) {
            sha.update((byte) 0);
            return;
        }
        long[] shape = array.shape();
        float[] values = array.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat();
        ByteBuffer bytes = ByteBuffer.allocate(8 * shape.length + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long s : shape) {
            bytes.putLong(s);
        }
        for (float v : values) {
            bytes.putFloat(v);
        }
        sha.update(bytes.array());
    }
}
