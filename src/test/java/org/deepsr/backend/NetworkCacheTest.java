package org.deepsr.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/** Reference counting and idle eviction of {@link NetworkCache}, counted by loader calls. */
class NetworkCacheTest {

	private static final SessionOptions CPU1 = new SessionOptions(Device.CPU, 1, 1);

	private int loads;

	private Network load() {
		loads++;
		return Network.fromFrozenGraph(new TinyNet(1, 2, 3).graphDef(false), new NetworkSpec("input", "output",
			Layout.NHWC), CPU1);
	}

	@Test
	void sharesLeasesAndEvictsTheOldestIdleNetwork() throws IOException {
		try (NetworkCache cache = new NetworkCache(1)) {
			final NetworkCache.Lease a = cache.acquire("a", this::load);
			final NetworkCache.Lease again = cache.acquire("a", this::load);
			assertTrue(a.fresh());
			assertSame(a.network(), again.network());
			assertEquals(1, loads);
			a.close();
			again.close();
			assertThrows(IllegalStateException.class, a::network, "a closed lease gives no network");
			// "a" is idle and reused without loading.
			final NetworkCache.Lease reused = cache.acquire("a", this::load);
			assertEquals(1, loads);
			reused.close();
			// A second idle network pushes "a" out (maxIdle 1): "a" must load again.
			cache.acquire("b", this::load).close();
			assertEquals(1, cache.size());
			final NetworkCache.Lease reloaded = cache.acquire("a", this::load);
			assertEquals(3, loads);
			reloaded.close();
		}
	}
}
