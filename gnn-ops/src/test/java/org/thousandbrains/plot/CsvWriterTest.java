package org.thousandbrains.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvWriterTest {
    @TempDir
    Path dir;

    @Test
    void quotesOnlyWhatNeedsQuoting() {
        CsvWriter w = new CsvWriter("model", "note", "acc").row("dense", "said \"hi\"", 0.875)
                .row("a,b", "two\nlines", 1);
        assertEquals("model,note,acc\ndense,\"said \"\"hi\"\"\",0.875\n\"a,b\",\"two\nlines\",1\n", w.toString());
        assertEquals(2, w.size());
    }

    @Test
    void writesAtomicallyIntoNewFolders() throws IOException {
        Path csv = new CsvWriter("x").row(1).write(dir.resolve("a/b/t.csv"));
        assertEquals("x\n1\n", Files.readString(csv));
        assertEquals(0, Pixels.leftovers(csv.getParent()));
    }

    @Test
    void rowWidthMustMatchHeader() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CsvWriter("a", "b").row(1));
        assertTrue(e.getMessage().contains("row 1 has 1 values"), e.getMessage());
        assertThrows(IllegalArgumentException.class, CsvWriter::new);
    }
}
