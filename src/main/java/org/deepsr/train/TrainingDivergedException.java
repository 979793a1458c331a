package org.deepsr.train;

/**
 * The loss or the validation predictions of a run stopped being numbers
 * (NaN, infinite, or blown up by {@link Trainer#GROWTH}): the run stops, its
 * last sound checkpoint stays, and nothing is exported. The message is one
 * line naming the step, the value and what to change.
 */
public final class TrainingDivergedException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	TrainingDivergedException(final String message) {
		super(message);
	}
}
