package org.deepsr.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** What one task (part i of n) did, sent back to the driver. */
public final class PartResult implements Serializable {

	private static final long serialVersionUID = 1L;

	public int part, parts;
	public int written, skipped;
	public final List<String> failed = new ArrayList<>();
	public final List<String> messages = new ArrayList<>();
	public String host;
	public double seconds;
}
