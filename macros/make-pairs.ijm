// DeepSR: make LR/HR training pairs from a folder of HR images.
// Headless, with Fiji's launcher:
//   ImageJ-linux64 --headless -macro make-pairs.ijm "hr=/data/hr out=/data/pairs scale=2 degradation=matlab-bicubic"
// Arguments (key=value):
//   hr           folder of HR images (required)
//   out          output folder: writes out/HR/<name> and out/X<scale>/<base>x<scale>.<ext> (required)
//   scale        downscaling factor (default 2)
//   degradation  e.g. matlab-bicubic (default), gaussian-blur:1.0+decimate+poisson-gaussian:0.01,0.005
//   seed         random seed of the noise (default 1)
//   overwrite=true replaces existing files
args = getArgument();
hr = call("ij.Macro.getValue", args, "hr", "");
out = call("ij.Macro.getValue", args, "out", "");
scale = call("ij.Macro.getValue", args, "scale", "2");
degradation = call("ij.Macro.getValue", args, "degradation", "matlab-bicubic");
seed = call("ij.Macro.getValue", args, "seed", "1");
overwrite = call("ij.Macro.getValue", args, "overwrite", "false");
if (hr == "" || out == "")
	exit("make-pairs.ijm needs hr=<folder> out=<folder>");

options = "input=[" + hr + "] output=[" + out + "] scale=" + scale + " degradation=[" + degradation + "] seed=" + seed;
if (overwrite == "true") options = options + " overwrite";
run("Make Training Pairs", options);
print("DeepSR: training pairs written into " + out);
