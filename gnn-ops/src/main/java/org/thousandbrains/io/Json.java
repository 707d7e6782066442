package org.thousandbrains.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON reading and writing for results files, checkpoint metadata and test vectors, on Jackson's streaming
 * parser and generator (one shared factory; no object mapper, whose start-up a one-shot command such as
 * {@code tb info --json} would pay for). {@link #parse} gives {@link LinkedHashMap} for
 * objects (key order kept, a repeated key is an error), {@link ArrayList} for arrays, {@link Double}
 * for every number (so decimal strings written by Python read back bit-exact, and {@code NaN},
 * {@code Infinity}, {@code -Infinity} as Python writes them are accepted), plus String, Boolean and
 * null. {@link #write} serializes maps, iterables, arrays, numbers, strings, booleans and null; a
 * float is written as its exact double value, a non-finite number as {@code null} (strict JSON has no
 * NaN), and any other object as its {@code toString()}. Errors are {@link IllegalArgumentException}s
 * naming the line and column.
 */
public final class Json {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .addDecorator((factory, generator) -> new FiniteNumbers(generator))
            .build();

    /** Objects indented by two spaces, one entry a line; arrays on one line, as {@code [1.0, 2.0]}. */
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayValueSpacing(Separators.Spacing.AFTER)
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance);

    private Json() {
    }

    /** Parses one JSON document. */
    public static Object parse(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() == null) throw new IllegalArgumentException("JSON: empty document");
            Object v = value(p);
            if (p.nextToken() != null) throw error("trailing content", p.currentTokenLocation());
            return v;
        } catch (JacksonException ex) {
            throw error(ex.getOriginalMessage(), ex.getLocation());
        } catch (IOException ex) {
            throw new IllegalArgumentException("JSON: " + ex.getMessage(), ex);
        }
    }

    /** Serializes maps, lists, arrays of primitives, numbers, strings, booleans and null, indented. */
    public static String write(Object value) {
        return write(value, true);
    }

    /** Single-line serialization. */
    public static String writeCompact(Object value) {
        return write(value, false);
    }

    private static String write(Object value, boolean pretty) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            if (pretty) g.setPrettyPrinter(PRETTY.createInstance());
            writeValue(g, value);
        } catch (IOException ex) {
            throw new IllegalArgumentException("JSON: cannot write a " + value.getClass().getSimpleName() + ": " + ex.getMessage(), ex);
        }
        return out.toString();
    }

    /** Writes one value with the streaming generator (the factory's decorator keeps numbers finite). */
    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Path path) {
            g.writeString(path.toString());   // a Path is an Iterable of its own names
        } else if (v instanceof Iterable<?> it) {
            g.writeStartArray();
            for (Object o : it) writeValue(g, o);
            g.writeEndArray();
        } else if (v instanceof String str) {
            g.writeString(str);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Number n) {
            writeNumber(g, n);
        } else if (v.getClass().isArray()) {
            writeArray(g, v);
        } else {
            g.writeString(v.toString());
        }
    }

    private static void writeNumber(JsonGenerator g, Number n) throws IOException {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) g.writeNumber(n.longValue());
        else if (n instanceof BigInteger b) g.writeNumber(b);
        else if (n instanceof BigDecimal b) g.writeNumber(b);
        else g.writeNumber(n.doubleValue());
    }

    private static void writeArray(JsonGenerator g, Object a) throws IOException {
        if (a instanceof double[] d) {
            g.writeArray(d, 0, d.length);
        } else if (a instanceof char[] c) {
            g.writeString(new String(c));
        } else if (a instanceof byte[] b) {
            g.writeBinary(b);
        } else {
            int n = Array.getLength(a);
            g.writeStartArray();
            for (int i = 0; i < n; i++) writeValue(g, Array.get(a, i));
            g.writeEndArray();
        }
    }

    /** The value whose first token is the parser's current one; leaves the parser on its last token. */
    private static Object value(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
                    p.nextToken();
                    m.put(key, value(p));
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> a = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) a.add(value(p));
                return a;
            }
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT: return p.getDoubleValue();
            case VALUE_STRING: return p.getText();
            case VALUE_TRUE: return Boolean.TRUE;
            case VALUE_FALSE: return Boolean.FALSE;
            case VALUE_NULL: return null;
            default: throw error("unexpected " + p.currentToken(), p.currentTokenLocation());
        }
    }

    private static IllegalArgumentException error(String what, JsonLocation at) {
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new IllegalArgumentException("JSON: " + what + where);
    }

    /** Writes floats as their double value and non-finite numbers as null, wherever a serializer writes them. */
    private static final class FiniteNumbers extends JsonGeneratorDelegate {
        FiniteNumbers(JsonGenerator g) {
            super(g, false);
        }

        @Override
        public void writeNumber(double v) throws IOException {
            if (Double.isFinite(v)) super.writeNumber(v);
            else writeNull();
        }

        @Override
        public void writeNumber(float v) throws IOException {
            writeNumber((double) v);
        }

        @Override
        public void writeArray(double[] a, int offset, int length) throws IOException {
            writeStartArray(a, length);
            for (int k = offset; k < offset + length; k++) writeNumber(a[k]);
            writeEndArray();
        }
    }
}
