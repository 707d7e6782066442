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
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.std.BeanSerializerBase;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.databind.ser.impl.UnknownSerializer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON reading and writing for results files, checkpoint metadata and test vectors, on Jackson (one
 * shared factory, one shared mapper for writing). {@link #parse} gives {@link LinkedHashMap} for
 * objects (key order kept, a repeated key is an error), {@link ArrayList} for arrays, {@link Double}
 * for every number (so decimal strings written by Python read back bit-exact, and {@code NaN},
 * {@code Infinity}, {@code -Infinity} as Python writes them are accepted), plus String, Boolean and
 * null. {@link #write} serializes maps, iterables, arrays, numbers, strings, booleans and null; a
 * float is written as its exact double value, a non-finite number as {@code null} (strict JSON has no
 * NaN), and any other object as its {@code toString()}. Errors are {@link IllegalArgumentException}s
 * naming the line and column.
 */
public final class Json {
    /** Reading needs only the streaming factory: {@code tb verify} never starts the (slower to build) mapper. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .addDecorator((factory, generator) -> new FiniteNumbers(generator))
            .build();

    /** The one mapper that writes, built on first use (holder idiom). */
    private static final class Writers {
        static final JsonMapper MAPPER = JsonMapper.builder(FACTORY)
                .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
                .addModule(new SimpleModule("thousandbrains-json")
                        .addSerializer(Path.class, ToStringSerializer.instance)
                        .setSerializerModifier(new PlainValues()))
                .build();
        static final ObjectWriter COMPACT = MAPPER.writer();
        /** Objects indented by two spaces, one entry a line; arrays on one line, as {@code [1.0, 2.0]}. */
        static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayValueSpacing(Separators.Spacing.AFTER)
                        .withArrayEmptySeparator(""))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance));
    }

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
        return write(Writers.PRETTY, value);
    }

    /** Single-line serialization. */
    public static String writeCompact(Object value) {
        return write(Writers.COMPACT, value);
    }

    private static String write(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JacksonException ex) {
            throw new IllegalArgumentException("JSON: cannot write a " + value.getClass().getSimpleName() + ": " + ex.getOriginalMessage(), ex);
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

    /** Any value Jackson would write as a bean (its getters) is written as its {@code toString()} instead. */
    private static final class PlainValues extends BeanSerializerModifier {
        @Override
        public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription bean, JsonSerializer<?> serializer) {
            return serializer instanceof BeanSerializerBase || serializer instanceof UnknownSerializer ? ToStringSerializer.instance : serializer;
        }
    }
}
