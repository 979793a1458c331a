// DeepSR: import a model file, then list the models into a CSV file.
// Headless, with Fiji's launcher:
//   ImageJ-linux64 --headless -macro models.ijm "file=/models/ESPCN_x2.pb csv=/tmp/models.csv"
// Arguments (key=value):
//   file   model to import: DeepSR bundle (.zip or folder), OpenCV dnn_superres .pb, ... (optional)
//   csv    where to write the list of models (required)
//   overwrite=true replaces a user model of the same name
args = getArgument();
file = call("ij.Macro.getValue", args, "file", "");
csv = call("ij.Macro.getValue", args, "csv", "");
overwrite = call("ij.Macro.getValue", args, "overwrite", "false");
if (csv == "")
	exit("models.ijm needs csv=<file>");

if (file != "") {
	options = "action=import file=[" + file + "]";
	if (overwrite == "true") options = options + " overwrite";
	run("Models", options);
}
run("Models", "action=list");
// The list is the table "DeepSR Models", or "Results" when headless (no table windows there).
if (isOpen("DeepSR Models")) Table.save(csv, "DeepSR Models");
else saveAs("Results", csv);
print("DeepSR: models listed in " + csv);
