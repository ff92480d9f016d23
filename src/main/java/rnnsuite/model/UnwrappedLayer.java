package rnnsuite.model;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A network's layer with the factory's wrappers taken off (the last recurrent layer's {@code LastTimeStep}, a fast
 * layer's wrapper configuration): the layer that holds the parameters, and the configuration of the cell it is.
 */
record UnwrappedLayer(org.deeplearning4j.nn.api.Layer layer, org.deeplearning4j.nn.conf.layers.Layer conf) {

    /** Every layer of {@code net}, in order. */
    static List<UnwrappedLayer> of(MultiLayerNetwork net) {
        List<UnwrappedLayer> layers = new ArrayList<>();
        for (org.deeplearning4j.nn.api.Layer layer : net.getLayers()) {
            org.deeplearning4j.nn.api.Layer inner = layer instanceof LastTimeStepLayer last ? last.getUnderlying() : layer;
            var conf = inner.conf().getLayer();
            layers.add(new UnwrappedLayer(inner, conf instanceof BaseWrapperLayer wrapper ? wrapper.getUnderlying() : conf));
        }
        return layers;
    }
}
