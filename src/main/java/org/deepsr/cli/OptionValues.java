package org.deepsr.cli;

import java.util.Locale;

import org.deepsr.backend.Device;
import org.deepsr.metrics.MetricOptions;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option values checked as picocli parses them, so that a value no run
 * could take is a usage error (exit 2, one line), like an option picocli
 * cannot parse, and is told before anything loads.
 */
final class OptionValues {

	private OptionValues() {}

	/** {@code --device}: auto, cpu or gpu (kept as given; {@link Device#parse} reads it). */
	static final class DeviceName implements ITypeConverter<String> {

		@Override
		public String convert(final String value) {
			try {
				Device.parse(value);
			}
			catch (final IllegalArgumentException e) {
				throw new TypeConversionException(e.getMessage());
			}
			return value;
		}
	}

	/** {@code --scale} of the upscaling commands: a whole factor of 1 to 16. */
	static final class Scale implements ITypeConverter<Integer> {

		@Override
		public Integer convert(final String value) {
			final int scale;
			try {
				scale = Integer.parseInt(value.trim());
			}
			catch (final NumberFormatException e) {
				throw new TypeConversionException("'" + value + "' is not a whole number");
			}
			if (scale < 1 || scale > 16) throw new TypeConversionException("the scale must be 1 to 16, got " + scale);
			return scale;
		}
	}

	/** {@code --channel} of measure: y, rgb or each. */
	static final class Channel implements ITypeConverter<MetricOptions.Channels> {

		@Override
		public MetricOptions.Channels convert(final String value) {
			try {
				return MetricOptions.Channels.valueOf(value.trim().toUpperCase(Locale.ROOT));
			}
			catch (final IllegalArgumentException e) {
				throw new TypeConversionException("--channel must be y, rgb or each, got '" + value + "'");
			}
		}
	}

	/** {@code --data-range} of measure: a positive number, or 0 for automatic ({@link MetricOptions#withDataRangeOption} says why not). */
	static final class DataRange implements ITypeConverter<Double> {

		@Override
		public Double convert(final String value) {
			final double range;
			try {
				range = Double.parseDouble(value.trim());
			}
			catch (final NumberFormatException e) {
				throw new TypeConversionException("'" + value + "' is not a number");
			}
			try {
				MetricOptions.DEFAULT.withDataRangeOption(range);
			}
			catch (final IllegalArgumentException e) {
				throw new TypeConversionException(e.getMessage());
			}
			return range;
		}
	}
}
