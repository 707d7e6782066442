package org.thousandbrains.graph.graphml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.xml.stream.XMLStreamException;

/**
 * Reads a GraphML file with {@link FastXmlCursor} on several threads, for the large files whose edges are most of
 * their bytes. The document's own parser reads from the start. Once it has read the first edge, the rest of the file
 * is cut, at lines that begin with an {@code <edge} tag, into parts that fragment parsers ({@link
 * GraphMLParser#fragment}) read at the same time, each into edge records of its own, while the first parser reads up
 * to the first cut.
 *
 * <p>A part is kept only when what was read before it ended exactly at its cut, inside the same graph, with the same
 * elements and namespaces open, and when its parser read it to its end: edges and their values only, every node id
 * one seen before. Anything else — a cut inside a comment, a node or key declared after the first edge (the first
 * parser then stops the others before it changes what they read), markup in a value, a value of an undeclared key,
 * an error — and the document's own parser reads on from that cut itself. So threads change how fast a file is read,
 * never what it gives: the records, values, lines and errors are those of one parser reading the file alone.
 */
final class SegmentedRead {
    /** How far past a planned cut an {@code <edge} line is looked for. */
    private static final int WINDOW = 1 << 20;

    private final Path file;
    private final String source;
    private final ParsedGraphML doc;
    private final int threads;
    private final long segmentBytes;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    /** The parts being read by other threads; null until the first edge has been read and the file was cut. */
    private Part[] parts;
    private FastXmlCursor.Scope startScope;
    private GraphMLParser.Frame startFrame;

    private SegmentedRead(Path file, String source, ParsedGraphML doc, int threads, long segmentBytes) {
        this.file = file;
        this.source = source;
        this.doc = doc;
        this.threads = threads;
        this.segmentBytes = segmentBytes;
    }

    /**
     * Reads the file with up to {@code threads} threads, each given at least {@code segmentBytes} of it; throws
     * where {@link FastXmlCursor} gives up or the document has a problem, as one such parser reading alone would.
     */
    static ParsedGraphML parse(Path file, String source, KeyTable keys, int threads, long segmentBytes)
            throws IOException, XMLStreamException {
        ParsedGraphML doc = new ParsedGraphML(keys);
        SegmentedRead read = new SegmentedRead(file, source, doc, threads, segmentBytes);
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            FastXmlCursor cursor = new FastXmlCursor(in);
            GraphMLParser parser = new GraphMLParser(source, cursor, doc);
            if (threads > 1) parser.afterFirstEdge(() -> read.cut(cursor, parser));
            try {
                parser.run();
            } catch (RuntimeException | XMLStreamException e) {
                if (read.parts == null) throw e;
                // the first part failed, perhaps only because the first cut fell inside a token: read alone
                read.stop();
                return parse(file, source, keys, 1, segmentBytes);
            }
            if (read.parts != null) read.join(cursor, parser);
            parser.finish();
        }
        return doc;
    }

    /** Cuts the rest of the file into parts and starts their threads; the first parser then reads up to the first cut. */
    private void cut(FastXmlCursor cursor, GraphMLParser parser) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long from = cursor.offset();
            long size = ch.size();
            int n = (int) Math.min(threads, (size - from) / Math.max(1, segmentBytes));
            FastXmlCursor.Scope scope = cursor.scope(cursor.depth() - 1);
            GraphMLParser.Frame frame = parser.frame(parser.depth() - 1);
            if (n < 2 || !frame.insideGraph()) return;
            List<long[]> cuts = new ArrayList<>();
            long last = from;
            for (int i = 1; i < n; i++) {
                long[] c = edgeLine(ch, Math.max(last + 1, from + (size - from) * i / n), size);
                if (c == null) continue;
                cuts.add(c);
                last = c[0];
            }
            if (cuts.isEmpty()) return;
            startScope = scope;
            startFrame = frame;
            parts = new Part[cuts.size()];
            for (int i = 0; i < parts.length; i++) {
                long end = i + 1 < parts.length ? cuts.get(i + 1)[0] : Long.MAX_VALUE;
                parts[i] = new Part(cuts.get(i)[0], (int) cuts.get(i)[1], end);
            }
            cursor.endAt(parts[0].offset);
            for (Part p : parts) p.thread.start();
            parser.beforeSharedChange(this::stop);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Offset and column of the first {@code <edge} tag at or after {@code at} that begins a line (only spaces or
     * tabs before it), within {@link #WINDOW} bytes; null for none.
     */
    private static long[] edgeLine(FileChannel ch, long at, long size) throws IOException {
        if (at <= 0 || at >= size) return null;
        ByteBuffer window = ByteBuffer.allocate((int) Math.min(WINDOW, size - at + 1));
        long start = at - 1;
        int got;
        do {
            got = ch.read(window, start + window.position());
        } while (got > 0 && window.hasRemaining());
        byte[] b = window.array();
        int n = window.position();
        for (int i = 0; i < n; i++) {
            if (b[i] != '\n') continue;
            int j = i + 1;
            while (j < n && (b[j] == ' ' || b[j] == '\t')) j++;
            if (j + 5 < n && b[j] == '<' && b[j + 1] == 'e' && b[j + 2] == 'd' && b[j + 3] == 'g' && b[j + 4] == 'e') {
                byte after = b[j + 5];
                if (after == ' ' || after == '\t' || after == '\n' || after == '/' || after == '>') return new long[] {start + j, j - i - 1};
            }
        }
        return null;
    }

    /** Stops the other threads and waits for them (before the first parser changes what they read, or gives up). */
    private void stop() {
        cancelled.set(true);
        for (Part p : parts) p.await();
    }

    /**
     * Once the first parser has read up to the first cut: keeps the parts that join up, then reads on alone from the
     * first that does not, if any.
     */
    private void join(FastXmlCursor cursor, GraphMLParser parser) throws IOException, XMLStreamException {
        parser.beforeSharedChange(null);
        for (Part p : parts) p.await();
        FastXmlCursor.Scope scope = cursor.scope(cursor.depth());
        GraphMLParser.Frame frame = parser.frame(parser.depth());
        int line = scope.line();
        int kept = 0;
        while (kept < parts.length && !cancelled.get() && joins(scope, frame)) {
            Part p = parts[kept];
            boolean last = kept == parts.length - 1;
            if (!p.read || (!last && !joins(p.endScope, p.endFrame))) break;
            doc.edges.append(p.records.edges, line - 1);
            line += p.endScope.line() - 1;
            scope = p.endScope;
            frame = p.endFrame;
            kept++;
        }
        doc.partsKept = kept;
        if (kept == parts.length) return;
        Part from = parts[kept];
        try (InputStream in = Channels.newInputStream(FileChannel.open(file, StandardOpenOption.READ).position(from.offset))) {
            parser.resume(new FastXmlCursor(in, from.offset, scope.at(line, from.column)));
        }
    }

    /** Whether a part can follow what ended here: inside the graph the parts were cut from, as when the file was cut. */
    private boolean joins(FastXmlCursor.Scope scope, GraphMLParser.Frame frame) {
        return scope.sameElements(startScope) && frame.same(startFrame);
    }

    /** One part of the file, from an {@code <edge} line to the next part's (or the end), read on a thread of its own. */
    private final class Part implements Runnable {
        final long offset;
        final int column;
        final long end;
        final Thread thread;
        final ParsedGraphML records;
        /** Read to its end without being abandoned; then where it ended. */
        boolean read;
        FastXmlCursor.Scope endScope;
        GraphMLParser.Frame endFrame;

        Part(long offset, int column, long end) {
            this.offset = offset;
            this.column = column;
            this.end = end;
            this.records = new ParsedGraphML(doc.keys, doc.nodes);
            this.thread = new Thread(this, "graphml-part@" + offset);
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            try (InputStream in = Channels.newInputStream(FileChannel.open(file, StandardOpenOption.READ).position(offset))) {
                FastXmlCursor cursor = new FastXmlCursor(in, offset, startScope.at(1, column));
                if (end != Long.MAX_VALUE) cursor.endAt(end);
                GraphMLParser parser = GraphMLParser.fragment(source, cursor, records, startFrame, cancelled::get);
                parser.run();
                endScope = cursor.scope(cursor.depth());
                endFrame = parser.frame(parser.depth());
                read = true;
            } catch (IOException | XMLStreamException | RuntimeException e) {
                read = false; // the document's parser reads this part itself, and meets whatever stopped this one
            }
        }

        void await() {
            boolean interrupted = false;
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
        }
    }
}
