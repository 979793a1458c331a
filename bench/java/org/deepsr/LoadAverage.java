package org.deepsr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;

/** The machine's load average, printed beside a bench's figures: on a shared machine they are only as good as it. */
public final class LoadAverage {

	private LoadAverage() {}

	/** The 1, 5 and 15 minute load averages from /proc/loadavg, or "unknown" off Linux. */
	public static String now() {
		try {
			return Files.readString(Paths.get("/proc/loadavg")).trim().replaceAll(" \\S+ \\S+$", "");
		}
		catch (final IOException e) {
			return "unknown";
		}
	}
}
