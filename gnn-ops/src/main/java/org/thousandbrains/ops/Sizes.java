package org.thousandbrains.ops;

/** Guards the single-array limit: every buffer is one Java array, so it must hold fewer than 2^31 values. */
final class Sizes {
    private Sizes() {
    }

    static int check(String what, long values) {
        if (values > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(what + " = " + values + " values exceeds one Java array (2^31 - 9);"
                    + " use a smaller batch or fewer steps");
        }
        return (int) values;
    }
}
