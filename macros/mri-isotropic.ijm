// DeepSR: make an anisotropic MRI volume (NIfTI) isotropic with a network
// trained on its own in-plane slices (Plugins > DeepSR > Isotropic Upscale
// (self-supervised)), then save it as NIfTI on the original acquisition's grid.
// Headless, with Fiji's launcher:
//   ImageJ-linux64 --headless -macro mri-isotropic.ijm "input=/data/t1-thick.nii.gz output=/data/t1-iso.nii.gz"
// Arguments (key=value, as in run() options; [brackets] around values with spaces):
//   input     NIfTI file to read, .nii or .nii.gz (required)
//   output    NIfTI file to write, .nii or .nii.gz (required)
//   zfactor   refinement along z; 0 or left out = z voxel size / x voxel size
//   profile   gaussian or box; fwhm: its FWHM in in-plane voxels (0 = the z factor)
//   steps     training steps; network: the x1 network; savemodel: keep the network as a bundle
//   Left out, each takes the command's default (README, Isotropic reconstruction).
args = getArgument();
input = call("ij.Macro.getValue", args, "input", "");
output = call("ij.Macro.getValue", args, "output", "");
if (input == "" || output == "")
	exit("mri-isotropic.ijm needs input=<file.nii.gz> output=<file.nii.gz>");
options = "";
keys = newArray("zfactor", "profile", "fwhm", "steps", "network", "savemodel", "device");
for (i = 0; i < keys.length; i++) {
	value = call("ij.Macro.getValue", args, keys[i], "");
	if (value != "")
		options = options + " " + keys[i] + "=[" + value + "]";
}

setBatchMode(true);
run("NIfTI...", "file=[" + input + "]");
original = getTitle();
run("Isotropic Upscale (self-supervised)", "axis=z" + options);
// The isotropic volume is now the current image, its NIfTI header refined (first slice kept, z voxel / F).
run("NIfTI (.nii, .nii.gz)...", "file=[" + output + "]");
print("DeepSR: " + original + " -> " + output + " (" + getWidth() + "x" + getHeight() + "x" + nSlices + ")");
close("*");
