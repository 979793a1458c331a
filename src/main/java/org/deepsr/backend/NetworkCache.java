package org.deepsr.backend;

import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loaded networks shared by content: callers give a key built from the
 * SHA-256 of the weights and descriptor plus the session options, so the same
 * model loaded twice shares one graph and session, while a changed file (new
 * hash) never reaches a stale network.
 * <p>
 * Networks are reference counted; the last {@link Lease#close()} keeps a
 * network idle for a quick reload, and the oldest idle networks are closed
 * beyond {@code maxIdle}. {@link #shared()} closes everything at JVM exit.
 */
public final class NetworkCache implements AutoCloseable {

	/** Loads a network on a cache miss. */
	@FunctionalInterface
	public interface Loader {
		Network load() throws IOException;
	}

	private static final class Entry {
		final Network network;
		int leases;

		Entry(final Network network) {
			this.network = network;
		}
	}

	/** One holder's use of a cached network; close it when done. */
	public final class Lease implements AutoCloseable {
		private final String key;
		private final Entry entry;
		private final boolean fresh;
		private boolean closed;

		private Lease(final String key, final Entry entry, final boolean fresh) {
			this.key = key;
			this.entry = entry;
			this.fresh = fresh;
		}

		public Network network() {
			if (closed) throw new IllegalStateException("this model was closed");
			return entry.network;
		}

		/** True when this lease loaded the network (a cache miss). */
		public boolean fresh() {
			return fresh;
		}

		@Override
		public void close() {
			synchronized (NetworkCache.this) {
				if (closed) return;
				closed = true;
				release(key, entry);
			}
		}
	}

	private static NetworkCache shared;

	private final int maxIdle;
	private final Map<String, Entry> active = new HashMap<>();
	/** Idle networks, oldest first. */
	private final LinkedHashMap<String, Entry> idle = new LinkedHashMap<>();

	/** @param maxIdle networks kept loaded while nobody uses them, &gt;= 0 */
	public NetworkCache(final int maxIdle) {
		if (maxIdle < 0) throw new IllegalArgumentException("maxIdle must be >= 0, got " + maxIdle);
		this.maxIdle = maxIdle;
	}

	/** The JVM-wide cache (two idle networks), closed by a shutdown hook. */
	public static synchronized NetworkCache shared() {
		if (shared == null) {
			final NetworkCache cache = new NetworkCache(2);
			Runtime.getRuntime().addShutdownHook(new Thread(cache::close, "deepsr-network-cache-close"));
			shared = cache;
		}
		return shared;
	}

	/** Returns the network cached under the key, loading it on a miss. */
	public synchronized Lease acquire(final String key, final Loader loader) throws IOException {
		Entry entry = active.get(key);
		boolean fresh = false;
		if (entry == null) entry = idle.remove(key);
		if (entry == null) {
			entry = new Entry(loader.load());
			fresh = true;
		}
		active.put(key, entry);
		entry.leases++;
		return new Lease(key, entry, fresh);
	}

	/** Number of networks loaded (in use or idle). */
	public synchronized int size() {
		return active.size() + idle.size();
	}

	/** Closes every network, also those still leased; the cache stays usable. */
	@Override
	public synchronized void close() {
		for (final Entry entry : active.values()) entry.network.close();
		for (final Entry entry : idle.values()) entry.network.close();
		active.clear();
		idle.clear();
	}

	private void release(final String key, final Entry entry) {
		if (--entry.leases > 0 || active.get(key) != entry) return;
		active.remove(key);
		idle.put(key, entry);
		for (Iterator<Entry> oldest = idle.values().iterator(); idle.size() > maxIdle;) {
			oldest.next().network.close();
			oldest.remove();
		}
	}
}
