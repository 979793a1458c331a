// DeepSR: train a network on a folder of HR images and export a model bundle.
// Headless, with Fiji's launcher:
//   ImageJ-linux64 --headless -macro train.ijm "hr=/data/hr out=/models/my-espcn.zip steps=2000"
// Arguments (key=value), passed on to "Train Model" (docs/training.md lists every option and its default
// once; what is not given keeps that default):
//   hr           folder of HR images (required)
//   out          model bundle to write, .zip (required; "output" works too)
//   network, scale, lr (paired LR folder), degradation, channels (y|grey|rgb), normalisation (minmax|percentile),
//   width, depth, blocks, groups, recursions, residualscale, patch, border (loss border), batch, steps, rate (learning rate), schedule, loss, clipnorm,
//   discriminator (srgan|esrgan), discriminatorwidth, discriminatorrate, extractor (.pb or SavedModel folder),
//   extractorlayers, texturelayers (GAN and feature losses, e.g. loss=[l1:0.01,perceptual:1,adversarial:0.005]),
//   validation (folder), fraction, validateevery, patience, seed, checkpoints, checkpointevery, init (fine-tune
//   from a model), threads, device (auto|cpu|gpu), name (default: the file name without .zip), description,
//   metadata (a JSON file of descriptor keys: conserve, trained_on)
//   skip, resume, overwrite   true to switch on (e.g. skip=true: add the bicubic upscaled input to the output)
args = getArgument();
hr = call("ij.Macro.getValue", args, "hr", "");
out = call("ij.Macro.getValue", args, "out", call("ij.Macro.getValue", args, "output", ""));
if (hr == "" || out == "")
	exit("train.ijm needs hr=<folder> out=<model.zip>");
options = "hr=[" + hr + "] output=[" + out + "]";
keys = newArray("network", "scale", "lr", "degradation", "channels", "normalisation", "width", "depth", "blocks", "groups", "recursions", "residualscale", "patch", "border", "batch", "steps", "rate", "schedule", "loss", "discriminator", "discriminatorwidth", "discriminatorrate", "extractor", "extractorlayers", "texturelayers", "clipnorm", "validation", "fraction", "validateevery", "patience", "seed", "checkpoints", "checkpointevery", "init", "threads", "device", "name", "description", "metadata");
for (i = 0; i < keys.length; i++) {
	value = call("ij.Macro.getValue", args, keys[i], "");
	if (value != "")
		options = options + " " + keys[i] + "=[" + value + "]";
}
flags = newArray("skip", "resume", "overwrite");
for (i = 0; i < flags.length; i++)
	if (call("ij.Macro.getValue", args, flags[i], "false") == "true")
		options = options + " " + flags[i];
run("Train Model", options);
print("DeepSR: model written to " + out);
