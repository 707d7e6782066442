package org.thousandbrains.distributed;

import java.io.Serializable;

import org.thousandbrains.model.GraphClassifier;

/**
 * Builds the classifier on the driver and, once per executor thread, on the executors: the same graph, rule and
 * precision each time (its initial values do not matter on executors, which receive the driver's parameters every
 * step). Serializable: Spark ships it to the executors, with what it captures.
 */
@FunctionalInterface
public interface ModelFactory extends Serializable {
    GraphClassifier build();
}
