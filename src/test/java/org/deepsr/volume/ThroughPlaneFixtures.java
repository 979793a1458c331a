package org.deepsr.volume;

/** The sizes of the phantom that src/test/python/throughplane_reference.py writes. */
final class ThroughPlaneFixtures {

	private ThroughPlaneFixtures() {}

	static final int NX = 10, NY = 9, NZ = 8;
}
