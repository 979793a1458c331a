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
	private Plot lossPlot, psnrPlot;

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
			// Two plots, each on its own scale: a loss of 0.02 and a PSNR of 31 dB share no axis.
			lossPlot = show(lossPlot, plot(title + " - training loss", "loss", x, y, Color.BLACK, Plot.LINE));
			if (vx.length == 0) return;
			final boolean first = psnrPlot == null;
			psnrPlot = show(psnrPlot, plot(title + " - validation PSNR", "PSNR (dB)", vx, vy, Color.RED,
				Plot.CONNECTED_CIRCLES));
			if (first) besides(lossPlot, psnrPlot);
		});
	}

	private static Plot plot(final String title, final String yLabel, final double[] x, final double[] y,
		final Color color, final int shape)
	{
		final Plot p = new Plot(title, "step", yLabel);
		p.setColor(color);
		p.addPoints(x, y, shape);
		p.setLimitsToFit(false);
		return p;
	}

	/** Puts the second plot's window to the right of the first, so neither hides the other. */
	private static void besides(final Plot left, final Plot right) {
		final java.awt.Window a = left.getImagePlus().getWindow(), b = right.getImagePlus().getWindow();
		if (a != null && b != null) b.setLocation(a.getX() + a.getWidth() + 10, a.getY());
	}

	/** Shows a plot the first time, then draws the new data into the same window. */
	private static Plot show(final Plot shown, final Plot next) {
		final java.awt.Window window = shown == null || shown.getImagePlus() == null ? null : shown.getImagePlus()
			.getWindow();
		if (!(window instanceof ij.gui.PlotWindow) || !window.isShowing()) {
			next.show();
			return next;
		}
		((ij.gui.PlotWindow) window).drawPlot(next);
		return next;
	}

	private static double[] unbox(final List<Double> v) {
		return v.stream().mapToDouble(Double::doubleValue).toArray();
	}
}
