package org.thousandbrains.it.graphml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.compile.TopologyException;
import org.thousandbrains.graph.graphml.GraphMLException;
import org.thousandbrains.graph.graphml.GraphMLReader;
import org.thousandbrains.graph.graphml.ImportResult;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.SparseNetwork;
import org.thousandbrains.io.Json;

/**
 * Every file of the real-world corpus that imports: read into arrays ({@link GraphMLReader#readArrays}) it is the
 * same network as read into objects — field by field once turned into objects, the same report, and the same
 * compiled graph or the same compile error. Read by four threads, each file cut into the smallest parts, it is the
 * same again, and a file refused is refused alike.
 */
class ArrayImportCorpusTest {
    @TestFactory
    Stream<DynamicTest> arraysAndObjectsAgreeOnEveryImportableFile() throws IOException {
        Path dir = SharedCorpus.require();
        List<DynamicTest> tests = new ArrayList<>();
        for (Object o : (List<?>) ((Map<?, ?>) Json.parse(Files.readString(dir.resolve("manifest.json")))).get("files")) {
            String file = (String) ((Map<?, ?>) o).get("file");
            tests.add(DynamicTest.dynamicTest(file, () -> check(dir.resolve(file))));
        }
        assertTrue(tests.size() >= 70, "the whole corpus: " + tests.size());
        return tests.stream();
    }

    private static void check(Path path) throws IOException {
        ImportResult objects;
        try {
            objects = new GraphMLReader().read(path);
        } catch (GraphMLException e) {
            GraphMLException a = org.junit.jupiter.api.Assertions.assertThrows(GraphMLException.class, () -> new GraphMLReader().readArrays(path));
            assertEquals(e.getMessage(), a.getMessage(), "refused alike");
            GraphMLException p = org.junit.jupiter.api.Assertions.assertThrows(GraphMLException.class, () -> inParts().readArrays(path));
            assertEquals(e.getMessage(), p.getMessage(), "refused alike in parts");
            return;
        }
        Network net = objects.network();
        String want = compiled(net);
        for (GraphMLReader reader : List.of(new GraphMLReader().threads(1), inParts())) {
            ImportResult arrays = reader.readArrays(path);
            assertEquals(objects.report(), arrays.report());
            SparseNetwork s = arrays.sparse();
            NetworkAssert.assertSameNetwork(net, s.toNetwork(), path.toString());
            assertEquals(want, compiled(s), "compiled alike");
        }
    }

    /** A reader that cuts any file into as many parts as it can for four threads. */
    private static GraphMLReader inParts() {
        return new GraphMLReader().threads(4).segmentBytes(1);
    }

    /** The compiled graph's arrays as text (equal text, equal arrays), or the compile error. */
    private static String compiled(Object net) {
        try {
            var g = net instanceof Network ? GraphCompiler.compile((Network) net) : GraphCompiler.compile((SparseNetwork) net);
            return java.util.Arrays.toString(g.src()) + java.util.Arrays.toString(g.dst()) + java.util.Arrays.toString(g.weight())
                    + java.util.Arrays.toString(g.delay()) + java.util.Arrays.toString(g.leak()) + java.util.Arrays.toString(g.inputOrder())
                    + java.util.Arrays.toString(g.nodeIds()) + g.sccCount() + "/" + g.waveCount();
        } catch (TopologyException e) {
            return "error: " + e.getMessage();
        }
    }
}
