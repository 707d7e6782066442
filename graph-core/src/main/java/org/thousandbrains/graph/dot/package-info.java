/**
 * Graphviz DOT export of a network, for drawing graphs too large for an in-process chart
 * ({@code dot -Tsvg net.dot -o net.svg}). Written by hand: DOT output is a few lines of text, and
 * JGraphT's {@code jgrapht-io} exporter would add ANTLR and Commons Text to every user of graph-core.
 */
package org.thousandbrains.graph.dot;
