// DeepSR: train a network on a folder of HR images and export a model bundle.
// Headless, with Fiji's launcher:
//   ImageJ-linux64 --headless -macro train.ijm "hr=/data/hr out=/models/my-espcn.zip steps=2000"
// Arguments (key=value):
//   hr           folder of HR images (required)
//   out          model bundle to write, .zip (required)
//   steps        training steps (default 1000)
//   network      espcn (default), fsrcnn, srcnn, vdsr
//   scale        2 (default) .. 8
//   degradation  matlab-bicubic (default), or e.g. gaussian-blur:1.0+decimate+gaussian-noise:0.01
//   channels     y (default) or grey
//   patch, batch LR patch side (default 17) and batch size (default 16)
//   skip         true: add the bicubic upscaled input to the output (ESPCN, FSRCNN, SRCNN)
//   border       LR pixels at each patch edge left out of the loss (default 0)
//   init         fine-tune: start from this model (installed name or bundle file)
//   name         model name (default: the file name without .zip)
args = getArgument();
hr = call("ij.Macro.getValue", args, "hr", "");
out = call("ij.Macro.getValue", args, "out", "");
if (hr == "" || out == "")
	exit("train.ijm needs hr=<folder> out=<model.zip>");
steps = call("ij.Macro.getValue", args, "steps", "1000");
network = call("ij.Macro.getValue", args, "network", "espcn");
scale = call("ij.Macro.getValue", args, "scale", "2");
degradation = call("ij.Macro.getValue", args, "degradation", "matlab-bicubic");
channels = call("ij.Macro.getValue", args, "channels", "y");
patch = call("ij.Macro.getValue", args, "patch", "17");
batch = call("ij.Macro.getValue", args, "batch", "16");
border = call("ij.Macro.getValue", args, "border", "0");
init = call("ij.Macro.getValue", args, "init", "");
skip = call("ij.Macro.getValue", args, "skip", "false");
name = call("ij.Macro.getValue", args, "name", replace(File.getName(out), ".zip", ""));

options = "network=" + network + " scale=" + scale + " hr=[" + hr + "] degradation=[" + degradation + "] channels=" + channels;
options = options + " patch=" + patch + " border=" + border + " batch=" + batch + " steps=" + steps + " output=[" + out + "] name=[" + name + "]";
if (init != "")
	options = options + " init=[" + init + "]";
if (skip == "true")
	options = options + " skip";
run("Train Model", options);
print("DeepSR: model written to " + out);
