package org.deepsr.image;

/**
 * The named axes of DeepSR's n-dimensional image model, in the order a
 * {@link VolumeInfo} stores them: columns, rows, channels, slices, frames
 * (ImageJ's XYCZT, also the axes of OME-Zarr and, without C, of NIfTI).
 */
public enum Axis {
	X, Y, C, Z, T
}
