package rnnsuite.model.fast;

import java.util.Collections;
import org.deeplearning4j.nn.conf.constraint.BaseConstraint;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keeps every entry of a parameter within [−bound, bound] after each update: an IndRNN's per-unit recurrent
 * weights (Li et al. 2018 clip them to 2^(1/T), so that a gradient grows at most twofold over T steps).
 */
public class UnitBound extends BaseConstraint {

    private double bound;

    /** For JSON deserialisation. */
    public UnitBound() {
    }

    public UnitBound(double bound) {
        super(Collections.emptySet());
        this.bound = bound;
    }

    public double getBound() {
        return bound;
    }

    public void setBound(double bound) {
        this.bound = bound;
    }

    @Override
    public void apply(INDArray param) {
        Transforms.min(param, bound, false);
        Transforms.max(param, -bound, false);
    }

    @Override
    public UnitBound clone() {
        UnitBound copy = new UnitBound(bound);
        copy.setParams(getParams());
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnitBound other && Double.compare(bound, other.bound) == 0 && java.util.Objects.equals(getParams(), other.getParams());
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(bound, getParams());
    }

    @Override
    public String toString() {
        return "UnitBound(" + bound + ")";
    }
}
