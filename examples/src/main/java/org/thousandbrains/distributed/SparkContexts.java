package org.thousandbrains.distributed;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Spark contexts for this package: {@code local[*]} by default, any master URL otherwise, with the web UI off and,
 * for a {@code local} master, the driver on loopback, unless {@code spark.*} system properties say otherwise
 * ({@link SparkConf} reads them; on a cluster Spark picks the driver's address, {@code SPARK_LOCAL_IP} sets it).
 *
 * <p>Java 17: the driver JVM must be started with Spark's module options (its
 * {@code org.apache.spark.launcher.JavaModuleOptions}: {@code --add-opens java.base/java.nio=ALL-UNNAMED},
 * {@code sun.nio.ch} and others); the {@code tb} launcher and the tests' Surefire configuration pass them, and
 * Spark adds them to the executors it starts.
 */
public final class SparkContexts {
    /** The embedded master: one executor thread per core, in this JVM. */
    public static final String DEFAULT_MASTER = "local[*]";

    private SparkContexts() {
    }

    /** A new context on {@code master} ({@code local[*]}, {@code local[N]}, {@code spark://HOST:PORT}). */
    public static JavaSparkContext open(String master, String appName) {
        if (master == null || master.isBlank()) throw new IllegalArgumentException("a Spark master is needed, e.g. " + DEFAULT_MASTER);
        SparkConf conf = new SparkConf().setMaster(master).setAppName(appName).setIfMissing("spark.ui.enabled", "false");
        if (master.startsWith("local")) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1").setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        return new JavaSparkContext(conf);
    }
}
