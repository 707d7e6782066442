package org.thousandbrains.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of an optimizer for checkpoints: its type, fixed hyper-parameters (betas, eps, momentum...),
 * each group's learning rate, weight decay and parameter names, and each parameter's state by name.
 */
public record OptimizerState(String type, Map<String, Double> hyper, List<Group> groups, Map<String, ParamState> params) {
    /** Group name, learning rate, weight decay and the names of its parameters. */
    public record Group(String name, double lr, double weightDecay, List<String> parameterNames) {
        public Group {
            parameterNames = List.copyOf(parameterNames);
        }
    }

    public OptimizerState {
        hyper = Collections.unmodifiableMap(new LinkedHashMap<>(hyper));
        groups = List.copyOf(groups);
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
