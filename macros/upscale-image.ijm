// DeepSR: upscale one image file and save the result.
// Headless, with Fiji's launcher:
//   ImageJ-linux64 --headless -macro upscale-image.ijm "input=/data/cells.tif output=/data/cells-x2.tif model=bicubic scale=2"
// Arguments (key=value, as in run() options; [brackets] around values with spaces):
//   input   image file to read (required)
//   output  file to write, .tif keeps every bit depth (required)
//   model   bundled or user model name, model bundle path, or nearest|bilinear|bicubic|lanczos3 (default bicubic)
//   scale   upscaling factor for classical methods (default 2)
//   tile    tile size in input pixels, 0 = automatic (default 0)
//   device  auto|cpu|gpu (default auto)
args = getArgument();
input = call("ij.Macro.getValue", args, "input", "");
output = call("ij.Macro.getValue", args, "output", "");
model = call("ij.Macro.getValue", args, "model", "bicubic");
scale = call("ij.Macro.getValue", args, "scale", "2");
tile = call("ij.Macro.getValue", args, "tile", "0");
device = call("ij.Macro.getValue", args, "device", "auto");
if (input == "" || output == "")
	exit("upscale-image.ijm needs input=<file> output=<file>");

if (!File.exists(input))
	exit("upscale-image.ijm: cannot read input " + input + ": no such file");
if (File.isDirectory(input))
	exit("upscale-image.ijm: input " + input + " is a folder: use upscale-folder.ijm");

setBatchMode(true);
before = nImages;
open(input);
if (nImages == before)
	exit("upscale-image.ijm: ImageJ could not open input " + input + " (not an image format ImageJ reads, or a damaged file)");
original = getTitle();
run("Upscale", "model=[" + model + "] scale=" + scale + " tile=" + tile + " device=" + device);
// The upscaled image is now the current image, headless too.
saveAs("Tiff", output);
print("DeepSR: " + original + " -> " + output + " (" + getWidth() + "x" + getHeight() + ")");
close("*");
