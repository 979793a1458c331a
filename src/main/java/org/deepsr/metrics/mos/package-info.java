/**
 * Subjective quality: opinion scores 1..5, their CSV file
 * ({@code rater,image,method,score}), mean opinion scores with Student-t
 * confidence intervals, and a headless blind rating session.
 */
package org.deepsr.metrics.mos;
