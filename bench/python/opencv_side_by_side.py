#!/usr/bin/env python3
"""OpenCV side of bench OpenCvSideBySide: cv2.dnn_superres (Debian's
python3-opencv) on one image with one OpenCV .pb.

  opencv_side_by_side.py MODEL.pb ALGORITHM SCALE IN.png OUT.png THREADS ROUNDS

ALGORITHM: espcn or fsrcnn. Reads IN.png as it is (grey stays one channel:
dnn_superres then runs the network on it alone; colour goes through its
YCrCb split, the network on Y, Cr and Cb resized bicubically), upsamples once
to warm up, then ROUNDS times; writes the result to OUT.png and prints one
line "MP/s X" (megapixels of output per second, best run).
"""
import sys
import time

import cv2


def main(argv):
    pb, alg, scale, src, dst = argv[1], argv[2], int(argv[3]), argv[4], argv[5]
    threads, rounds = int(argv[6]), int(argv[7])
    cv2.setNumThreads(threads)
    img = cv2.imread(src, cv2.IMREAD_UNCHANGED)
    sr = cv2.dnn_superres.DnnSuperResImpl_create()
    sr.readModel(pb)
    sr.setModel(alg, scale)
    out = sr.upsample(img)
    best = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        out = sr.upsample(img)
        best = min(best, time.perf_counter() - t0)
    cv2.imwrite(dst, out)
    print("MP/s %.4f" % (out.shape[0] * out.shape[1] / 1e6 / best))


if __name__ == "__main__":
    main(sys.argv)
