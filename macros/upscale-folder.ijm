// DeepSR: upscale every image file of a folder into another folder, loading the model once.
// Headless, with Fiji's launcher:
//   ImageJ-linux64 --headless -macro upscale-folder.ijm "input=/data/lr output=/data/sr pattern=*.tif model=bicubic scale=2"
// Arguments (key=value):
//   input    folder to read (required)
//   output   folder to write "<name>-x<scale>.<ext>" files into (required; created if missing)
//   pattern  file-name glob (default: every image file)
//   model    bundled or user model name, model bundle path, or nearest|bilinear|bicubic|lanczos3 (default bicubic)
//   scale    upscaling factor for classical methods (default 2)
//   overwrite=true replaces existing outputs (default: they are skipped)
args = getArgument();
input = call("ij.Macro.getValue", args, "input", "");
output = call("ij.Macro.getValue", args, "output", "");
pattern = call("ij.Macro.getValue", args, "pattern", "");
model = call("ij.Macro.getValue", args, "model", "bicubic");
scale = call("ij.Macro.getValue", args, "scale", "2");
overwrite = call("ij.Macro.getValue", args, "overwrite", "false");
if (input == "" || output == "")
	exit("upscale-folder.ijm needs input=<folder> output=<folder>");

options = "input=[" + input + "] output=[" + output + "] model=[" + model + "] scale=" + scale + " device=auto";
if (pattern != "") options = options + " pattern=[" + pattern + "]";
if (overwrite == "true") options = options + " overwrite";
run("Upscale Folder", options);
print("DeepSR: upscaled " + input + " into " + output);
