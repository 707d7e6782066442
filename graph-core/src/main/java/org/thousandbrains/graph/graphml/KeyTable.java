package org.thousandbrains.graph.graphml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code <key>} declarations of one document, looked up by domain and id. Keys may be
 * declared anywhere, also inside {@code <graph>}; the same id may be declared for different
 * domains (igraph, Gephi do so), but twice for one domain only with the same declaration.
 * Decides which key gives which model parameter, honouring the attribute mappings.
 */
final class KeyTable {
    static final List<String> DOMAINS = List.of("graph", "node", "edge", "graphml", "hyperedge", "port", "endpoint");
    private static final Set<String> FOR_VALUES = Set.of("graph", "node", "edge", "graphml", "hyperedge", "port", "endpoint", "all");

    private final Map<String, Map<String, Key>> byDomain = new HashMap<>();
    private final Map<Field, Key> fieldKeys = new HashMap<>();
    private final List<AttributeMapping> mappings;
    private final List<String> nonGraphMLTypes = new ArrayList<>();

    KeyTable(List<AttributeMapping> mappings) {
        this.mappings = mappings;
        for (String d : DOMAINS) byDomain.put(d, new HashMap<>());
    }

    Key lookup(String domain, String id) {
        return byDomain.get(domain).get(id);
    }

    /** Declares a key; throws IllegalArgumentException describing a bad or conflicting declaration. */
    void declare(String id, String forValue, String attrName, String attrType, String defaultValue, int line) {
        if (id == null) throw new IllegalArgumentException("<key> without an id");
        String forDomain = forValue == null ? "all" : forValue.trim();
        if (!FOR_VALUES.contains(forDomain)) {
            throw new IllegalArgumentException("key '" + id + "': for=\"" + forValue
                    + "\" is not a GraphML domain (graph, node, edge, graphml, hyperedge, port, endpoint or all)");
        }
        if (attrType != null && attrType.isBlank()) throw new IllegalArgumentException("key '" + id + "': empty attr.type");
        String name = attrName != null ? attrName : id;
        String type = attrType != null ? attrType : "string";
        ValueType vt = ValueType.of(type);
        if (defaultValue != null) {
            try {
                Values.check(vt, defaultValue);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("key '" + id + "': default " + e.getMessage());
            }
        }
        List<String> domains = forDomain.equals("all") ? DOMAINS : List.of(forDomain);
        List<Key> toAdd = new ArrayList<>();
        for (String d : domains) {
            Field f = fieldFor(d, name);
            double scale = 1.0;
            boolean scaled = false;
            for (AttributeMapping m : mappings) {
                if (m.field() == f && m.source().equals(name)) {
                    scale = m.scale();
                    scaled = true;
                }
            }
            Key k = new Key(id, d, name, type, attrType != null, defaultValue, line, true, f, scale, scaled);
            Key old = byDomain.get(d).get(id);
            if (old != null) {
                if (!old.sameDeclaration(k)) {
                    throw new IllegalArgumentException("key '" + id + "' for " + d
                            + " is declared twice with different attr.name, attr.type or default (first on line " + old.line + ")");
                }
                continue;
            }
            if (f != null) {
                if (f.numeric && attrType != null && !vt.isNumeric()) {
                    throw new IllegalArgumentException(k.describe() + " gives the " + d + " " + f.attrName
                            + " but is declared attr.type=\"" + type + "\"; it must be numeric (int, long, float or double)");
                }
                Key other = fieldKeys.get(f);
                if (other != null && !other.id.equals(id)) {
                    throw new IllegalArgumentException("keys '" + other.id + "' (line " + other.line + ") and '" + id
                            + "' both give the " + d + " " + f.attrName);
                }
            }
            toAdd.add(k);
        }
        for (Key k : toAdd) {
            byDomain.get(k.domain).put(id, k);
            if (k.field != null) fieldKeys.put(k.field, k);
        }
        if (!toAdd.isEmpty() && vt == ValueType.OTHER && nonGraphMLTypes.size() < 20) {
            nonGraphMLTypes.add("key '" + id + "' has attr.type=\"" + type + "\", which GraphML does not define: values kept as text");
        }
    }

    /** A string key for {@code <data>} whose key id was never declared (kept as text metadata). */
    Key undeclared(String domain, String id) {
        Key k = new Key(id, domain, id, "string", false, null, 0, false, null, 1.0, false);
        byDomain.get(domain).put(id, k);
        return k;
    }

    /** One warning per key declared with a type outside GraphML's (e.g. graph-tool's vector_float). */
    List<String> nonGraphMLTypes() {
        return nonGraphMLTypes;
    }

    /** The key giving field f, or null. */
    Key keyFor(Field f) {
        return fieldKeys.get(f);
    }

    /** Declared keys of a domain that have a {@code <default>}. */
    List<Key> withDefaults(String domain) {
        List<Key> out = new ArrayList<>();
        for (Key k : byDomain.get(domain).values()) if (k.defaultValue != null) out.add(k);
        out.sort((a, b) -> Integer.compare(a.line, b.line));
        return out;
    }

    private Field fieldFor(String domain, String name) {
        for (AttributeMapping m : mappings) {
            if (m.field().domain.equals(domain) && m.source().equals(name)) return m.field();
        }
        Field f = Field.named(domain, name);
        if (f == null) return null;
        for (AttributeMapping m : mappings) {
            if (m.field() == f) return null;
        }
        return f;
    }
}
