package org.deepsr.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.deepsr.backend.GraphOp;
import org.deepsr.backend.GraphReader;
import org.deepsr.backend.ModelGraph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Losses on the features of a fixed extractor network (a VGG19 exported
 * elsewhere, for example), read as a frozen graph (.pb) or a SavedModel
 * folder through {@link GraphReader} and inlined into the training graph
 * once its ops passed the allow-list: its one placeholder takes the image
 * batch (grey images repeated to three channels for a three-channel
 * extractor; any normalisation the extractor expects belongs in its graph),
 * the named layers are read off. No gradient reaches its weights: they are
 * constants. Prediction and target pass it as one batch.
 * <ul>
 * <li>perceptual (Johnson et al. 2016; SRGAN's VGG loss with the squared
 * form): the sum over layers of mean |phi(p) - phi(t)| or mean (phi(p) - phi(t))^2,
 * as BasicSR's PerceptualLoss with criterion l1 or l2 and layer weights 1.</li>
 * <li>texture (EnhanceNet, Sajjadi et al., ICCV 2017): the sum over layers of
 * mean (G(phi(p)) - G(phi(t)))^2, G the Gram matrix F^T F / (H W C) of an
 * image's features F [HW, C] (BasicSR's normalisation), over the whole patch
 * rather than EnhanceNet's 16 x 16 tiles.</li>
 * </ul>
 */
final class FeatureLoss {

	private final ModelGraph graph;
	private final String input;
	private final long channels;

	private FeatureLoss(final ModelGraph graph, final Path file) {
		final Map<String, String> signature = graph.signatureInputs();
		final GraphOp in;
		if (signature != null && signature.size() == 1) in = graph.op(signature.values().iterator().next().replaceFirst(":0$", ""));
		else if (graph.placeholders().size() == 1) in = graph.placeholders().get(0);
		else throw new IllegalArgumentException("The extractor " + file + " has " + graph.placeholders().size() + " placeholders and no one-input serving signature: it needs exactly one input, the images.");
		this.graph = graph;
		this.input = in.name();
		final long[] shape = in.shape() == null ? null : in.shape().asArray();
		this.channels = shape != null && shape.length == 4 ? shape[3] : -1;
	}

	/** Reads a frozen graph (.pb file) or a SavedModel (folder); nothing runs yet. */
	static FeatureLoss read(final Path file) throws IOException {
		if (!Files.exists(file)) throw new IOException("The extractor network " + file + " does not exist: give a frozen graph (.pb) or a SavedModel folder.");
		return new FeatureLoss(Files.isDirectory(file) ? GraphReader.savedModel(file) : GraphReader.frozenGraph(file), file);
	}

	/** Perceptual term: {@code squared} for the mean squared distance, else the mean absolute one. */
	LossTerm perceptual(final List<String> layers, final boolean squared) {
		final String name = (squared ? "perceptual-l2" : "perceptual") + "(" + String.join(", ", layers) + ")";
		return new LossTerm(name, 1, (tf, t) -> {
			final List<Operand<TFloat32>> sums = new ArrayList<>();
			for (final Operand<TFloat32>[] pt : features(tf, t, layers)) {
				final Operand<TFloat32> d = tf.math.sub(pt[0], pt[1]);
				sums.add(Loss.mean(tf, squared ? tf.math.square(d) : tf.math.abs(d)));
			}
			return sum(tf, sums);
		});
	}

	/** Texture term on the Gram matrices of these layers. */
	LossTerm texture(final List<String> layers) {
		return new LossTerm("texture(" + String.join(", ", layers) + ")", 1, (tf, t) -> {
			final List<Operand<TFloat32>> sums = new ArrayList<>();
			for (final Operand<TFloat32>[] pt : features(tf, t, layers))
				sums.add(Loss.mean(tf, tf.math.square(tf.math.sub(gram(tf, pt[0]), gram(tf, pt[1])))));
			return sum(tf, sums);
		});
	}

	/** {prediction's, target's} features at each layer. */
	@SuppressWarnings("unchecked")
	private List<Operand<TFloat32>[]> features(final Ops tf, final Map<String, Operand<TFloat32>> tensors, final List<String> layers) {
		if (layers.isEmpty()) throw new IllegalArgumentException("Name the extractor's layers to compare (--extractor-layers or --texture-layers).");
		Operand<TFloat32> both = tf.concat(List.of(tensors.get(NetSpec.OUTPUT), tensors.get(NetSpec.TARGET)), tf.constant(0));
		final long c = both.shape().size(3);
		if (channels == 3 && c == 1) both = tf.concat(Collections.nCopies(3, both), tf.constant(3));
		else if (channels > 0 && channels != c) throw new IllegalArgumentException("The extractor takes " + channels + " channels, the network gives " + c + ".");
		// the model's op names in a scope of their own, apart from the ops built around them
		final List<Output<?>> out = graph.inlineInto(tf.withSubScope(tf.scope().makeUnique("extractor")), Map.of(input, both), layers);
		final List<Operand<TFloat32>[]> pairs = new ArrayList<>();
		for (int i = 0; i < layers.size(); i++) {
			final Output<?> f = out.get(i);
			if (!(f.type() == TFloat32.class)) throw new IllegalArgumentException("Extractor layer '" + layers.get(i) + "' is " + f.dataType() + ", not float32 features.");
			final List<Output<TFloat32>> halves = tf.split(tf.constant(0), f.expect(TFloat32.class), 2L).output();
			pairs.add(new Operand[] { halves.get(0), halves.get(1) });
		}
		return pairs;
	}

	/** [N,H,W,C] features to their Gram matrices [N,C,C] / (H W C). */
	static Operand<TFloat32> gram(final Ops tf, final Operand<TFloat32> f) {
		final Operand<TInt32> shape = tf.shape(f);
		final Operand<TInt32> n = tf.slice(shape, tf.constant(new int[] { 0 }), tf.constant(new int[] { 1 }));
		final Operand<TInt32> c = tf.slice(shape, tf.constant(new int[] { 3 }), tf.constant(new int[] { 1 }));
		final Operand<TFloat32> flat = tf.reshape(f, tf.concat(List.of(n, tf.constant(new int[] { -1 }), c), tf.constant(0)));
		final Operand<TFloat32> g = tf.train.batchMatMul(flat, flat, TFloat32.class, org.tensorflow.op.train.BatchMatMul.adjX(true));
		final Operand<TFloat32> perImage = tf.math.div(tf.dtypes.cast(tf.size(f), TFloat32.class), tf.dtypes.cast(n, TFloat32.class));
		return tf.math.div(g, tf.reshape(perImage, tf.constant(new int[0])));
	}


	private static Operand<TFloat32> sum(final Ops tf, final List<Operand<TFloat32>> xs) {
		return xs.size() == 1 ? xs.get(0) : tf.math.addN(xs);
	}
}
