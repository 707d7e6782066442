/**
 * Edge-list CSV import and export: a header naming the columns ({@code src,dst} required,
 * {@code weight,delay,leak} optional, any order) and one synapse per row. Nodes are created
 * from the ids in order of first appearance, source before target (kind neuron, relu); ids holding commas, quotes or
 * surrounding spaces are quoted RFC 4180 style. Errors name the file and line.
 */
package org.thousandbrains.graph.csv;
