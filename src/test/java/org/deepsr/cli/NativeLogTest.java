package org.deepsr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * The stderr filter of {@link NativeLog} on the lines TensorFlow 2.18 (TensorFlow Java 1.1.0) printed at a
 * model run here, recorded verbatim with TF_CPP_MIN_LOG_LEVEL unset, mixed with DeepSR's own lines.
 */
class NativeLogTest {

	private static final String[] TENSORFLOW = {
		"2026-12-03 13:11:17.615004: I tensorflow/core/util/port.cc:153] oneDNN custom operations are on. You may see slightly different numerical results due to floating-point round-off errors from different computation orders. To turn them off, set the environment variable `TF_ENABLE_ONEDNN_OPTS=0`.",
		"2026-12-03 13:11:18.955891: I tensorflow/core/platform/cpu_feature_guard.cc:210] This TensorFlow binary is optimized to use available CPU instructions in performance-critical operations.",
		"To enable the following instructions: AVX2 AVX512F AVX512_VNNI AVX512_BF16 FMA, in other operations, rebuild TensorFlow with the appropriate compiler flags.",
		"WARNING: All log messages before absl::InitializeLog() is called are written to STDERR",
		"I0000 00:00:1796303479.133419   12497 mlir_graph_optimization_pass.cc:401] MLIR V1 optimization pass is not enabled" };

	private static final String[] KEPT = {
		"Model FSRCNN_x3-deepsr (x3) runs on CPU (2 threads)",
		"DeepSR: upscaling astronaut.png with model FSRCNN_x3-deepsr (FSRCNN, x3, y): 44%, about 1 s left",
		"warning: MS-SSIM needs at least 176x176 px after shaving; reported as NaN for smaller images.",
		"deepsr: unknown model \"nope\": it is neither a file nor one of ...",
		// TensorFlow's errors pass
		"2026-12-03 13:11:18.955891: E tensorflow/core/framework/op_kernel.cc:1830] OP_REQUIRES failed",
		"E0000 00:00:1796303479.133419   12497 cuda_dnn.cc:522] Loaded runtime CuDNN library: 9.1.0",
		"" };

	@Test
	void hidesTensorFlowsInfoAndWarningLinesOnly() throws Exception {
		final StringBuilder in = new StringBuilder(), expected = new StringBuilder();
		for (int i = 0; i < Math.max(TENSORFLOW.length, KEPT.length); i++) {
			if (i < TENSORFLOW.length) in.append(TENSORFLOW[i]).append('\n');
			if (i < KEPT.length) {
				in.append(KEPT[i]).append('\n');
				expected.append(KEPT[i]).append('\n');
			}
		}
		in.append("no end of line");
		expected.append("no end of line");
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		NativeLog.filter(new ByteArrayInputStream(in.toString().getBytes(StandardCharsets.UTF_8)), out);
		assertEquals(expected.toString(), out.toString(StandardCharsets.UTF_8));
	}

	@Test
	void verboseIsAnOptionNotAnArgument() {
		assertTrue(NativeLog.verbose("--verbose", "upscale", "a", "b"));
		assertTrue(NativeLog.verbose("upscale", "--verbose", "a", "b"));
		assertFalse(NativeLog.verbose("upscale", "a", "b"));
		assertFalse(NativeLog.verbose("macro", "--", "--verbose"), "after --, a file named --verbose");
	}
}
