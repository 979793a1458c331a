package org.deepsr;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Mutated inputs for the fuzz tests (fixed seed, bounded iterations), and
 * their one rule: a reader either reads a mutant or fails with its
 * documented type and a one-line message.
 */
public final class Mutations {

	private Mutations() {}

	/** Applies one to three random mutations: bit flips, truncations, insertions, deletions, duplicated runs, edge bytes. */
	public static byte[] mutate(final byte[] original, final Random random) {
		byte[] b = original.clone();
		for (int k = 1 + random.nextInt(3); k > 0; k--) {
			final int at = b.length == 0 ? 0 : random.nextInt(b.length);
			switch (random.nextInt(6)) {
				case 0: // bit flips
					for (int i = 1 + random.nextInt(8); i > 0 && b.length > 0; i--) b[random.nextInt(b.length)] ^= 1 <<
						random.nextInt(8);
					break;
				case 1: // truncation
					b = Arrays.copyOf(b, at);
					break;
				case 2: { // insertion of random bytes
					final byte[] extra = new byte[1 + random.nextInt(16)];
					random.nextBytes(extra);
					b = splice(b, at, 0, extra);
					break;
				}
				case 3: // deletion of a run
					b = splice(b, at, Math.min(b.length - at, 1 + random.nextInt(32)), new byte[0]);
					break;
				case 4: { // a run duplicated
					final int n = Math.min(b.length - at, 1 + random.nextInt(64));
					b = splice(b, at, 0, Arrays.copyOfRange(b, at, at + n));
					break;
				}
				default: // an edge value
					if (b.length > 0) b[at] = (byte) new int[] { 0, 0xff, 0x7f, 0x80, 0x01 }[random.nextInt(5)];
			}
		}
		return b;
	}

	private static byte[] splice(final byte[] b, final int at, final int remove, final byte[] insert) {
		final byte[] out = new byte[b.length - remove + insert.length];
		System.arraycopy(b, 0, out, 0, at);
		System.arraycopy(insert, 0, out, at, insert.length);
		System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
		return out;
	}

	/** The failure is of one of the types, with a non-empty one-line message; anything else fails the test. */
	public static void expect(final Throwable t, final String what, final List<Class<?>> types) {
		if (types.stream().noneMatch(c -> c.isInstance(t))) throw new AssertionError(what + ": undocumented " + t, t);
		final String message = t.getMessage();
		if (message == null || message.isBlank() || message.contains("\n")) throw new AssertionError(what +
			": no one-line message: " + t, t);
	}
}
