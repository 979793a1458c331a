// DeepSR: upscale a microscopy stack in-plane (x and y) and save it as TIFF.
// Every channel, slice and frame of a 16-bit (or 8-bit, 32-bit) hyperstack is upscaled; the bit depth,
// the channel/slice/frame order and the calibration are kept (the pixel width and height divided by the
// scale; z spacing and frame interval unchanged). Each channel is normalised with its own statistics over
// the whole volume, and may have its own model.
// Headless, with Fiji's launcher:
//   ImageJ-linux64 --headless -macro microscopy-stack.ijm "input=/data/cells.tif output=/data/cells-x2.tif model=microscopy-x2-deepsr"
//   ImageJ-linux64 --headless -macro microscopy-stack.ijm "input=/data/cells.tif output=/data/cells-x2.tif channelmodels=[C1=microscopy-x2-deepsr,C2=bicubic]"
// Arguments (key=value; [brackets] around values with spaces or commas):
//   input          multi-channel z-stack or time-lapse, a TIFF (required)
//   output         TIFF to write (required; never replaced unless overwrite=true)
//   model          model name, bundle path, or nearest|bilinear|bicubic|lanczos3, for every channel (default bicubic)
//   channelmodels  one model or method per channel instead: m1,m2,... or C1=m1,C2=m2 (all of one scale)
//   scale          upscaling factor for classical methods (default 2)
//   tile           tile size in input pixels, 0 = automatic (default 0)
//   device         auto|cpu|gpu (default auto)
//   overwrite=true replaces an existing output
args = getArgument();
input = call("ij.Macro.getValue", args, "input", "");
output = call("ij.Macro.getValue", args, "output", "");
model = call("ij.Macro.getValue", args, "model", "bicubic");
channelmodels = call("ij.Macro.getValue", args, "channelmodels", "");
scale = call("ij.Macro.getValue", args, "scale", "2");
tile = call("ij.Macro.getValue", args, "tile", "0");
device = call("ij.Macro.getValue", args, "device", "auto");
overwrite = call("ij.Macro.getValue", args, "overwrite", "false");
if (input == "" || output == "")
	exit("microscopy-stack.ijm needs input=<stack.tif> output=<file.tif>");
if (!File.exists(input))
	exit("microscopy-stack.ijm: no such input file: " + input);

setBatchMode(true);
before = nImages;
open(input);
if (nImages == before)
	exit("microscopy-stack.ijm: could not open " + input + " as an image");
original = getTitle();
getDimensions(width, height, channels, slices, frames);
bits = bitDepth();

options = "model=[" + model + "] scale=" + scale + " tile=" + tile + " device=" + device + " save=[" + output + "]";
if (channelmodels != "") options = options + " channelmodels=[" + channelmodels + "]";
if (overwrite == "true") options = options + " overwrite";
run("Upscale", options);
// The upscaled stack is now the current image, written to the output by the command.
getDimensions(outWidth, outHeight, outChannels, outSlices, outFrames);
print("DeepSR: " + input + " (" + width + "x" + height + ", " + channels + " channel(s), " + slices +
	" slice(s), " + frames + " frame(s), " + bits + "-bit) -> " + output + " (" + outWidth + "x" + outHeight +
	", " + bitDepth() + "-bit)");
close("*");
