package org.deepsr.nets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Architectures by lower-case name ("srcnn", "fsrcnn", "espcn", "vdsr", "edsr", ...; {@code deepsr networks} lists them); new ones register themselves here. */
public final class NetRegistry {

	private static final Map<String, Architecture> NETS = new TreeMap<>();

	static {
		register(new Srcnn());
		register(new Fsrcnn());
		register(new Espcn());
		register(new Vdsr());
		register(new Edsr());
		register(Edsr.baseline());
		register(new Mdsr());
		register(Carn.carn());
		register(Carn.mobile());
		register(new Rcan());
		register(new Srresnet());
		register(new Esrgan());
		register(new Drrn());
		register(new Drcn());
		register(new Idn());
		register(new Lapsrn());
		register(new MsLapsrn());
		register(new Btsrn());
		register(new Cmsc());
		register(new Enhancenet());
		register(new Selnet());
	}

	private NetRegistry() {}

	/**
	 * Adds an architecture under its {@link Architecture#name()}.
	 *
	 * @throws IllegalArgumentException when the name is taken: a silent replacement would change what a recipe trains
	 */
	public static synchronized void register(final Architecture architecture) {
		final String key = architecture.name().toLowerCase(Locale.ROOT);
		if (NETS.containsKey(key)) throw new IllegalArgumentException("A network named '" + key + "' is already registered (" + NETS.get(key).getClass().getName() + "): give " + architecture.getClass().getName() + " another name.");
		NETS.put(key, architecture);
	}

	/** @throws IllegalArgumentException naming the known networks when {@code name} is unknown */
	public static synchronized Architecture get(final String name) {
		final Architecture a = name == null ? null : NETS.get(name.trim().toLowerCase(Locale.ROOT));
		if (a == null) throw new IllegalArgumentException("Unknown network '" + name + "'. Known networks: " + String.join(", ", NETS.keySet()) + ".");
		return a;
	}

	/** Registered names, sorted. */
	public static synchronized List<String> names() {
		return Collections.unmodifiableList(new ArrayList<>(NETS.keySet()));
	}
}
