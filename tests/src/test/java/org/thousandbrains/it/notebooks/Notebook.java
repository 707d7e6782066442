package org.thousandbrains.it.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The code cells of a Jupyter notebook (nbformat 4), in order; {@code number} counts every cell (markdown
 * included) from 1, as Jupyter's interface shows them.
 */
record Notebook(Path path, List<Cell> cells) {
    /** One code cell: its 1-based position among all cells and its source. */
    record Cell(int number, String source) {
    }

    static Notebook read(Path path) throws IOException {
        JsonNode root = new ObjectMapper().readTree(path.toFile());
        JsonNode cells = root.path("cells");
        if (root.path("nbformat").asInt() != 4 || !cells.isArray()) {
            throw new IOException(path + ": not an nbformat 4 notebook (no \"cells\" array)");
        }
        List<Cell> code = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            JsonNode cell = cells.get(i);
            if ("code".equals(cell.path("cell_type").asText())) {
                code.add(new Cell(i + 1, source(cell.path("source"))));
            }
        }
        return new Notebook(path, List.copyOf(code));
    }

    /** nbformat stores a cell's source as one string or as a list of lines. */
    private static String source(JsonNode source) {
        if (!source.isArray()) {
            return source.asText();
        }
        StringBuilder s = new StringBuilder();
        source.forEach(line -> s.append(line.asText()));
        return s.toString();
    }

    String name() {
        return path.getFileName().toString();
    }
}
