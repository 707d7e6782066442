package org.thousandbrains.graph.graphml;

import java.util.Locale;

/** The GraphML {@code attr.type}s; anything else (e.g. graph-tool's vector_float) is OTHER and read as text. */
enum ValueType {
    BOOLEAN, INT, LONG, FLOAT, DOUBLE, STRING, OTHER;

    static ValueType of(String attrType) {
        switch (attrType.trim().toLowerCase(Locale.ROOT)) {
            case "boolean": return BOOLEAN;
            case "int": return INT;
            case "long": return LONG;
            case "float": return FLOAT;
            case "double": return DOUBLE;
            case "string": return STRING;
            default: return OTHER;
        }
    }

    boolean isNumeric() {
        return this == INT || this == LONG || this == FLOAT || this == DOUBLE;
    }
}
