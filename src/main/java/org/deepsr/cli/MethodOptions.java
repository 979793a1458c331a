package org.deepsr.cli;

import org.deepsr.backend.Device;
import org.deepsr.upscale.UpscaleSettings;

import picocli.CommandLine.Option;

/** The options that name an upscaling method, shared by the subcommands that upscale. */
final class MethodOptions {

	@Option(names = "--model", required = true,
		description = "Model name (see 'deepsr models'), model bundle path, or nearest|bilinear|bicubic|lanczos3; " +
			"one per channel of a grey multi-channel image as M1,M2,... or C1=M1,C2=M2 (one scale for all)")
	String model;

	@Option(names = "--scale", converter = OptionValues.Scale.class, description = "Scale for classical methods (default 2); with a model, "+
		"the scale it must have")
	Integer scale;

	@Option(names = "--device", defaultValue = "auto", converter = OptionValues.DeviceName.class, description = "auto|cpu|gpu (default auto)")
	String device;

	/** The settings these options stand for. */
	UpscaleSettings settings() {
		return new UpscaleSettings().methods(model).scale(scale == null ? 2 : scale).exactScale(scale != null)
			.device(Device.parse(device)); // checked as it was parsed (OptionValues)
	}
}
