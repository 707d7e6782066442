package org.thousandbrains.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thousandbrains.experiments.CliRun;

/** {@code tb simulate} on the shipped C. elegans connectome and on a hand-written two-node loop. */
class SimulateCommandTest {
    @TempDir
    Path tmp;

    @Test
    void shippedConnectomeWritesRasterCsvAndSummaries() throws Exception {
        Path out = tmp.resolve("worm");
        CliRun r = CliRun.tb("simulate", "--steps", "50", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("98 node(s) (role=S)"), r.out());
        Map<?, ?> s = CliRun.json(out.resolve("summary.json"));
        assertEquals(279.0, s.get("nodes"));
        assertEquals(3225.0, s.get("edges"), "one synapse per edge element of the file");
        assertEquals(50.0, s.get("steps"));
        assertEquals(98.0, s.get("driven_nodes"));
        assertEquals(Boolean.TRUE, s.get("finite"));
        assertTrue((Double) s.get("max_abs_state") <= 10, "in-strength 0.9 bounds |x| by 1/(1 - 0.9)");
        assertEquals(50, ((List<?>) ((Map<?, ?>) s.get("per_step")).get("ms")).size());
        BufferedImage png = ImageIO.read(out.resolve("raster.png").toFile());
        assertEquals(900, png.getWidth());
        List<String> csv = Files.readAllLines(out.resolve("activity.csv"));
        assertEquals(51, csv.size());
        assertEquals(4 + 279, csv.get(0).split(",").length);
        assertTrue(Files.readString(out.resolve("summary.txt")).startsWith("SimulationResult: 279 nodes"));
    }

    @Test
    void handComputedLoopFromAFileAndSummaryOnly() throws Exception {
        Path g = tmp.resolve("loop.graphml");
        Files.writeString(g, "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
                + "<key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
                + "<key id=\"d\" for=\"edge\" attr.name=\"delay\" attr.type=\"double\"/>\n"
                + "<graph edgedefault=\"directed\"><node id=\"a\"/><node id=\"b\"/>\n"
                + "<edge source=\"a\" target=\"b\"><data key=\"w\">0.5</data><data key=\"d\">1</data></edge>\n"
                + "<edge source=\"b\" target=\"a\"><data key=\"w\">0.5</data><data key=\"d\">2</data></edge>\n"
                + "</graph></graphml>\n");
        Path out = tmp.resolve("loop");
        CliRun r = CliRun.tb("simulate", g.toString(), "--drive", "a", "--pattern", "constant:1", "--normalize", "none", "--steps", "8",
                "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        // x_a(t) = 1 + 0.5 x_b(t-2), x_b(t) = 0.5 x_a(t-1)
        double[] a = {1, 1, 1, 1.25, 1.25, 1.25, 1.3125, 1.3125};
        double[] b = {0, 0.5, 0.5, 0.5, 0.625, 0.625, 0.625, 0.65625};
        List<String> csv = Files.readAllLines(out.resolve("activity.csv"));
        assertEquals("step,mean_state,fraction_firing,max_abs_state,a,b", csv.get(0));
        for (int t = 1; t <= 8; t++) {
            String[] row = csv.get(t).split(",");
            assertEquals(a[t - 1], Double.parseDouble(row[4]), 1e-6, "a at step " + t);
            assertEquals(b[t - 1], Double.parseDouble(row[5]), 1e-6, "b at step " + t);
        }
        Path bench = tmp.resolve("bench");
        r = CliRun.tb("simulate", g.toString(), "--drive", "a", "--steps", "1000", "--summary-only", "--out", bench.toString());
        assertEquals(0, r.status(), r.err());
        assertFalse(Files.exists(bench.resolve("raster.png")));
        assertFalse(Files.exists(bench.resolve("activity.csv")));
        assertTrue((Double) CliRun.json(bench.resolve("summary.json")).get("ms_per_step") > 0);
    }

    @Test
    void errorsNameTheBadNodeOrValue() {
        CliRun r = CliRun.tb("simulate", "--drive", "AVAL,nosuch", "--out", tmp.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("'AVAL'"), r.err());
        r = CliRun.tb("simulate", "--drive", "cell_name=AVAL,n0", "--pattern", "poisson:2", "--out", tmp.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--pattern"), r.err());
        r = CliRun.tb("simulate", "--drive", "role=X", "--out", tmp.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("'role=X' selects no node"), r.err());
        r = CliRun.tb("simulate", tmp.resolve("missing.graphml").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("missing.graphml"), r.err());
    }
}
