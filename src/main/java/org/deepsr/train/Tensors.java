package org.deepsr.train;

import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** Bulk float copies in and out of tensors (per-element access is 10-20x slower). */
final class Tensors {

	private Tensors() {}

	/** A new tensor holding a copy of {@code data}; the caller closes it. */
	static TFloat32 of(final float[] data, final long... shape) {
		return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(data, true, false));
	}

	static float[] read(final Tensor t) {
		final float[] v = new float[(int) t.shape().size()];
		((TFloat32) t).asRawTensor().data().asFloats().read(v);
		return v;
	}
}
