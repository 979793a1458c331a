#!/usr/bin/env bash
# Inference and training benchmarks on an NVIDIA GPU: bench/gpu.sh [--device gpu|cpu] [--steps N]
# gpu (default): builds with the `gpu` Maven profile (TensorFlow's linux-x86_64-gpu native library; CUDA 12.5 and
# cuDNN 9.3 on the library path) and asks for the GPU, which fails by name where there is none; cpu: the same
# benchmarks with the CPU build, for comparison or where no GPU is lent. Prints the GPU (nvidia-smi), then for each
# benchmark the device TensorFlow actually used: `deepsr speed` (MP/s of output, whole and tiled, 2048x2048 grey)
# for ESPCN x3 and FSRCNN x3, and TrainSpeed (steps/s, batch 16 of 48x48 HR patches) for ESPCN x3, FSRCNN x3 and
# EDSR baseline x2. MVN_FLAGS (e.g. -o) go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
export TF_CPP_MIN_LOG_LEVEL=2 # TensorFlow's INFO and WARNING lines stay out of the figures
device=gpu
steps=200
while [ $# -gt 0 ]; do
	case "$1" in
	--device) device=$2; shift 2 ;;
	--steps) steps=$2; shift 2 ;;
	*) sed -n '2,8p' "$0" >&2; exit 2 ;;
	esac
done
case "$device" in
gpu) export MVN_FLAGS="${MVN_FLAGS:-} -Pgpu"
	nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader ||
		echo "bench/gpu.sh: nvidia-smi found no NVIDIA GPU" >&2 ;;
cpu) echo "CPU: $(nproc) processors, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" ;;
*) echo "bench/gpu.sh: --device must be gpu or cpu, got '$device'" >&2; exit 2 ;;
esac
echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
for model in ESPCN_x3-deepsr FSRCNN_x3-deepsr; do
	bench/run org.deepsr.cli.Main speed --model "$model" --device "$device" --size 2048 --tile 512 |
		grep -E '^(whole|tiled|model:)'
done
for net in "espcn 3" "fsrcnn 3" "edsr-baseline 2"; do
	# shellcheck disable=SC2086
	bench/run TrainSpeed $net 16 48 0 "$steps" "$device" | grep 'steps/s'
done
echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
