package org.thousandbrains.it.notebooks;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notebook runner fails where IJava would show an error, naming the notebook and the cell. */
class NotebookShellTest {
    @TempDir
    Path dir;

    @Test
    void compileErrorNamesNotebookAndCell() throws IOException {
        AssertionError e = assertThrows(AssertionError.class,
                () -> run(notebook("typo.ipynb", "int x = 1;", "# a markdown cell", "int y = x + undefinedName;")));
        assertTrue(e.getMessage().startsWith("typo.ipynb, cell 3: compile error in `int y = x + undefinedName;`"),
                e.getMessage());
    }

    @Test
    void exceptionNamesNotebookCellAndType() throws IOException {
        AssertionError e = assertThrows(AssertionError.class,
                () -> run(notebook("throws.ipynb", "String s = \"ok\";\nObject o = List.of().get(0);")));
        assertTrue(e.getMessage().startsWith("throws.ipynb, cell 1: exception in `Object o = List.of().get(0);`"),
                e.getMessage());
        assertTrue(e.getMessage().contains("java.lang.ArrayIndexOutOfBoundsException")
                || e.getMessage().contains("java.lang.IndexOutOfBoundsException"), e.getMessage());
    }

    @Test
    void onlyIJavasImportsAndTheMagicsClasspath() throws IOException {
        // java.nio.file is not among IJava's start-up imports
        assertThrows(AssertionError.class, () -> run(notebook("nio.ipynb", "Path p = null;")));
        // the kernel's commons-lang3 3.8.1 wins over the 3.11 that %maven of gnn-ops brings (ND4J's)
        assertDoesNotThrow(() -> run(notebook("lang3.ipynb", "%maven org.thousandbrains:gnn-ops:" + System.getProperty("tb.version"),
                "String jar = Class.forName(\"org.apache.commons.lang3.StringUtils\").getProtectionDomain()"
                        + ".getCodeSource().getLocation().getPath();\n"
                        + "if (!jar.endsWith(\"/commons-lang3-3.8.1.jar\")) throw new IllegalStateException(jar);")));
        AssertionError e = assertThrows(AssertionError.class,
                () -> run(notebook("jars.ipynb", "%jars lib/*.jar")));
        assertTrue(e.getMessage().startsWith("jars.ipynb, cell 1: %jars lib/*.jar: nothing matches"), e.getMessage());
    }

    private Path notebook(String name, String... cells) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode nb = json.createObjectNode().put("nbformat", 4).put("nbformat_minor", 5);
        ArrayNode list = nb.putArray("cells");
        for (String cell : cells) {
            boolean markdown = cell.startsWith("# ");
            ObjectNode c = list.addObject().put("cell_type", markdown ? "markdown" : "code");
            c.putArray("source").add(cell);
        }
        Path path = dir.resolve(name);
        json.writeValue(path.toFile(), nb);
        return path;
    }

    private static void run(Path path) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (NotebookShell shell = new NotebookShell(Notebook.read(path), NotebooksTest.kernelClasspath(),
                NotebooksTest.kernelJars(), NotebooksTest.KERNEL_OPTIONS, new PrintStream(out, true), 120)) {
            shell.runAll();
        }
    }
}
