// DeepSR: PSNR/SSIM of a method on a benchmark set, written to a CSV file.
// Headless, with Fiji's launcher:
//   ImageJ-linux64 --headless -macro benchmark.ijm "model=bicubic data=/data/Set5 scale=2 csv=/tmp/set5-x2.csv"
// Arguments (key=value, as in run() options; [brackets] around values with spaces):
//   model   bundled or user model name, model bundle path, or nearest|bilinear|bicubic|lanczos3 (default bicubic)
//   data    folder of HR images, or a root with HR/ (and LR_bicubic/X<s>/) (required)
//   scale   upscaling factor for classical methods (default 2)
//   csv     CSV file to write: label,psnr,ssim,msssim,nrmse,mae, one row per image, then the mean (required)
// Protocol: HR cropped to a multiple of the scale, LR = MATLAB bicubic, Y channel (BT.601 studio), scale shaved.
args = getArgument();
model = call("ij.Macro.getValue", args, "model", "bicubic");
data = call("ij.Macro.getValue", args, "data", "");
scale = call("ij.Macro.getValue", args, "scale", "2");
csv = call("ij.Macro.getValue", args, "csv", "");
if (data == "" || csv == "")
	exit("benchmark.ijm needs data=<folder> csv=<file>");

run("Benchmark SR", "model=[" + model + "] scale=" + scale + " data=[" + data + "] lrsource=matlab csv=[" + csv + "] overwrite");
// Headless, the results are the system Results table; the last row is the mean.
print("DeepSR benchmark: " + model + " x" + scale + " on " + data + ": mean PSNR " + d2s(getResult("PSNR", nResults - 1), 4) + " dB, SSIM " + d2s(getResult("SSIM", nResults - 1), 4) + " -> " + csv);
