package org.thousandbrains.cli;

import java.util.Locale;

import org.thousandbrains.ops.Precision;
import org.thousandbrains.ops.Strategy;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The picocli converters of {@code tb}'s option values. Each rejects a bad value with a message that picocli
 * prefixes with the option, e.g. {@code Invalid value for option '--epochs': 'zero' is not a whole number}.
 * Comma lists ({@code --hidden 512,512}, {@code --noise 0,0.1}, {@code --seeds 0,1,2}) are split by picocli
 * and each element converted here. Whole numbers may be written with underscores ({@code 1_000_000}).
 */
final class Converters {
    private Converters() {
    }

    /** Any whole number (a seed). */
    static final class WholeNumber implements ITypeConverter<Long> {
        @Override
        public Long convert(String s) {
            try {
                return Long.parseLong(s.trim().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + s + "' is not a whole number");
            }
        }
    }

    /** A whole number >= 1 that fits an {@code int} (sizes, counts, threads). */
    static final class PositiveInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String s) {
            long v = new PositiveLong().convert(s);
            if (v > Integer.MAX_VALUE) throw new TypeConversionException(s + " is too large (at most " + Integer.MAX_VALUE + ")");
            return (int) v;
        }
    }

    /** A whole number >= 1 ({@code --edges}). */
    static final class PositiveLong implements ITypeConverter<Long> {
        @Override
        public Long convert(String s) {
            long v = new WholeNumber().convert(s);
            if (v < 1) throw new TypeConversionException("must be >= 1, got " + v);
            return v;
        }
    }

    /** A finite number > 0 (learning rates). */
    static final class PositiveNumber implements ITypeConverter<Double> {
        @Override
        public Double convert(String s) {
            double v = number(s);
            if (!(v > 0) || Double.isInfinite(v)) throw new TypeConversionException("must be a positive number, got " + s.trim());
            return v;
        }
    }

    /** A number in [0, 1] (noise levels). */
    static final class Fraction implements ITypeConverter<Double> {
        @Override
        public Double convert(String s) {
            double v = number(s);
            if (!(v >= 0 && v <= 1)) throw new TypeConversionException("levels must lie in [0, 1], got " + s.trim());
            return v;
        }
    }

    /** {@code float32} ({@code fp32}, {@code f32}) or {@code float64} ({@code fp64}, {@code f64}), any case. */
    static final class PrecisionName implements ITypeConverter<Precision> {
        @Override
        public Precision convert(String s) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "float32": case "fp32": case "f32": return Precision.FLOAT32;
                case "float64": case "fp64": case "f64": return Precision.FLOAT64;
                default: throw new TypeConversionException("expected float32 or float64, got '" + s + "'");
            }
        }
    }

    /** An execution strategy by {@link Strategy#parse} ({@code csr}, {@code blocks}, {@code sparse}, {@code auto}). */
    static final class StrategyName implements ITypeConverter<Strategy> {
        @Override
        public Strategy convert(String s) {
            try {
                return Strategy.parse(s);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    private static double number(String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + s.trim() + "' is not a number");
        }
    }
}
