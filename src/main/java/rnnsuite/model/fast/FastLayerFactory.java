package rnnsuite.model.fast;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.api.buffer.DataType;

/** Builds a cell's fast layer from its configuration: how each cell, DL4J's or the suite's, names its own. */
@FunctionalInterface
interface FastLayerFactory {
    FastRecurrentLayer<?> create(NeuralNetConfiguration conf, DataType dataType);
}
