/**
 * The binary edge format {@code .tbg} for large graphs: a versioned, checksummed header and fixed-width
 * little-endian column sections, 8-byte aligned, so a reader maps the file and copies each column in one bulk
 * transfer ({@link org.thousandbrains.graph.tbg.TbgReader}, {@link org.thousandbrains.graph.tbg.TbgWriter};
 * layout in {@link org.thousandbrains.graph.tbg.TbgHeader}).
 */
package org.thousandbrains.graph.tbg;
