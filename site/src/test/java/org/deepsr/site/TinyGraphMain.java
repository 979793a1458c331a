package org.deepsr.site;

import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Constant;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/**
 * Run in a child JVM by {@link FijiClassPathTest}: a 2x2 times 2x2 matrix
 * product through TensorFlow, and the jars protobuf and javacpp came from.
 * Prints "product a b c d", "protobuf PATH", "javacpp PATH".
 */
public final class TinyGraphMain {

	public static void main(final String[] args) throws Exception {
		try (Graph graph = new Graph(); Session session = new Session(graph)) {
			final Ops tf = Ops.create(graph);
			final Constant<TFloat32> a = tf.constant(Shape.of(2, 2), DataBuffers.of(1f, 2f, 3f, 4f));
			final Constant<TFloat32> b = tf.constant(Shape.of(2, 2), DataBuffers.of(5f, -6f, 7f, 0.5f));
			final MatMul<TFloat32> product = tf.linalg.matMul(a, b);
			try (Result result = session.runner().fetch(product).run()) {
				final TFloat32 out = (TFloat32) result.get(0);
				System.out.println("product " + out.getFloat(0, 0) + " " + out.getFloat(0, 1) + " " + out.getFloat(1,
					0) + " " + out.getFloat(1, 1));
			}
		}
		System.out.println("protobuf " + source("com.google.protobuf.Message"));
		System.out.println("javacpp " + source("org.bytedeco.javacpp.Loader"));
	}

	private static String source(final String className) throws Exception {
		return Class.forName(className).getProtectionDomain().getCodeSource().getLocation().getPath();
	}
}
