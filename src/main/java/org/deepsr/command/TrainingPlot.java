package org.deepsr.command;

import ij.gui.Plot;

import java.awt.Color;
import java.awt.EventQueue;
import java.util.ArrayList;
import java.util.List;

import org.deepsr.train.TrainingListener;

/**
 * A live ImageJ plot of the training loss (every {@code every} steps, averaged)
 * and the validation PSNR, redrawn on the event thread. Only for GUI sessions.
 */
final class TrainingPlot implements TrainingListener {

	private final List<Double> steps = new ArrayList<>(), losses = new ArrayList<>();
	private final List<Double> valSteps = new ArrayList<>(), psnrs = new ArrayList<>();
	private final long every;
	private final String title;
	private double sum;
	private int count;
	private Plot plot;

	TrainingPlot(final String title, final long totalSteps) {
		this.title = title;
		this.every = Math.max(1, totalSteps / 200);
	}

	@Override
	public synchronized void onStep(final long step, final long totalSteps, final double loss, final double learningRate) {
		sum += loss;
		if (++count < every && step < totalSteps) return;
		steps.add((double) step);
		losses.add(sum / count);
		sum = 0;
		count = 0;
		redraw();
	}

	@Override
	public synchronized void onValidation(final long step, final double psnr, final boolean best) {
		valSteps.add((double) step);
		psnrs.add(psnr);
		redraw();
	}

	private void redraw() {
		final double[] x = unbox(steps), y = unbox(losses), vx = unbox(valSteps), vy = unbox(psnrs);
		EventQueue.invokeLater(() -> {
			final Plot p = new Plot(title, "step", "loss (black) / validation PSNR dB (red, right scale: PSNR/100)");
			p.setColor(Color.BLACK);
			p.addPoints(x, y, Plot.LINE);
			if (vx.length > 0) {
				final double[] scaled = new double[vy.length];
				for (int i = 0; i < vy.length; i++) scaled[i] = vy[i] / 100;
				p.setColor(Color.RED);
				p.addPoints(vx, scaled, Plot.CONNECTED_CIRCLES);
			}
			p.setLimitsToFit(false);
			if (plot == null) {
				plot = p;
				plot.show();
			} else plot.getImagePlus().setProcessor(p.getProcessor());
		});
	}

	private static double[] unbox(final List<Double> v) {
		return v.stream().mapToDouble(Double::doubleValue).toArray();
	}
}
