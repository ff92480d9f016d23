package rnnsuite.model.fast;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's inverted dropout ({@code Dropout(p)}, p the retain probability) drawn in Java, bit for bit the mask of
 * ND4J 1.0.0-M2.1's DropOutInverted op, with the same advance of the thread's generator, so that a run's numbers
 * do not change: the fast layers apply it while they copy their input and their input gradient, where DL4J drew
 * the mask in libnd4j at about 10 ns an element (6% of an LSTM training step, a fifth of a SimpleRnn's).
 *
 * <p>libnd4j's generator is a hash of (root state, node state, element index): element k of a fresh contiguous
 * mask (k its offset in the array's buffer, the input's own order) is kept, as 1/p, when the float made of the
 * hash's top 23 bits, in [0, 1), is below p; after the op the node state is rewound by the mask's length. Only the
 * low 32 bits of the 64-bit mixing reach the hash, so it runs in int lanes beside the float lanes it masks.
 * {@code DropoutMaskTest} checks the masks and the generator's states against ND4J's own op.
 */
final class DropoutMask {

    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final IntVector IOTA = IntVector.zero(I).addIndex(1);
    private static final int FLOAT_ONE = 0x3f800000;

    private final int root;
    private final int nodePlus;
    private final int node;
    private final float p;
    private final float keep;

    private DropoutMask(long root, long node, float p) {
        this.root = (int) root;
        this.node = (int) node;
        this.nodePlus = (int) node + 24243287;
        this.p = p;
        this.keep = 1.0f / p;
    }

    /** True for a plain Dropout with a fixed retain probability: the one whose mask this class draws. */
    static boolean drawable(IDropout dropout) {
        return dropout != null && dropout.getClass() == Dropout.class && ((Dropout) dropout).getPSchedule() == null
                && ((Dropout) dropout).getHelper() == null;
    }

    /** The mask DL4J would draw now for an array of {@code length} elements; advances the thread's generator as it would. */
    static DropoutMask draw(IDropout dropout, long length) {
        Random random = Nd4j.getRandom();
        long root = random.rootState();
        long node = random.nodeState();
        random.setStates(root, rewound(node, length));
        return new DropoutMask(root, node, (float) ((Dropout) dropout).getP());
    }

    /** libnd4j's RandomGenerator::rewindH. */
    static long rewound(long node, long steps) {
        int v0 = (int) node;
        int v1 = (int) (node >>> 32);
        v1 ^= v0;
        int n0 = Integer.rotateLeft(v0, 26) ^ v1 ^ (v1 << 9);
        int n1 = Integer.rotateLeft(v1, 13);
        return ((n0 & 0xffffffffL) | ((long) n1 << 32)) ^ (steps ^ 0xdeadbeefL);
    }

    /** The mask's values (0 or 1/p) at buffer offsets k, k + 1, … (one per float lane). */
    FloatVector at(long k) {
        IntVector index = IOTA.add((int) (k + 2));
        IntVector s0 = index.mul(nodePlus).or(root);
        IntVector s1 = s0.add(723829).mul(index).lanewise(VectorOperators.XOR, node);
        IntVector hash = s1.lanewise(VectorOperators.XOR, s0).mul(0x9E3779BB).lanewise(VectorOperators.ROL, 5).mul(5);
        FloatVector uniform = hash.lanewise(VectorOperators.LSHR, 9).or(FLOAT_ONE).reinterpretAsFloats().sub(1f);
        return FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, keep).blend(0, uniform.compare(VectorOperators.GE, p));
    }

    /** One value of the mask, as {@link #at} computes it lane by lane. */
    float value(long k) {
        int index = (int) (k + 2);
        int s0 = root | index * nodePlus;
        int s1 = node ^ index * (s0 + 723829);
        int hash = Integer.rotateLeft((s1 ^ s0) * 0x9E3779BB, 5) * 5;
        float uniform = Float.intBitsToFloat(FLOAT_ONE | hash >>> 9) - 1f;
        return uniform >= p ? 0f : keep;
    }
}
