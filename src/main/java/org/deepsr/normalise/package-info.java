/**
 * Intensity normalisation, the one place that maps image values into a
 * network's value range and back, for training, inference and export alike:
 * {@link org.deepsr.normalise.Normaliser} (the descriptor's modes),
 * {@link org.deepsr.normalise.Percentiles} (exact streaming percentiles, equal
 * to numpy's) and {@link org.deepsr.normalise.MinMax}. Statistics are taken
 * over all planes of an image, stack or volume at once, read as an
 * {@code Iterable<float[]>} of planes that may come from any source (an
 * ImagePlus, a virtual stack, a file read plane by plane): memory stays
 * bounded however large the data. This package depends on nothing else in
 * DeepSR.
 */
package org.deepsr.normalise;
