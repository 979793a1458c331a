#!/usr/bin/env python3
"""PyTorch (CPU) side of bench TorchSideBySide: the same networks and shapes
as DeepSR's nets (grey in and out, no bicubic skip), random weights and data.

  torch_side_by_side.py train NETWORK SCALE BATCH HR_PATCH THREADS STEPS
      training steps/s: batch of HR_PATCH/SCALE LR patches, L1 loss, Adam,
      after a warm-up of max(3, STEPS/10) steps
  torch_side_by_side.py infer NETWORK SCALE SIZE THREADS ROUNDS
      MP/s of output for one SIZE x SIZE grey image, best of ROUNDS after one
      warm-up

Prints one line: "steps/s X params N" or "MP/s X params N" (N: the
network's parameter count, to check the shapes against DeepSR's). Needs
Debian's python3-torch.
"""
import sys
import time

import torch
from torch import nn


class Espcn(nn.Module):
    """conv 5x5 64 tanh, conv 3x3 32 tanh, conv 3x3 s*s, pixel shuffle (nets.Espcn)."""

    def __init__(self, s):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(1, 64, 5, padding=2), nn.Tanh(), nn.Conv2d(64, 32, 3, padding=1),
                                  nn.Tanh(), nn.Conv2d(32, s * s, 3, padding=1), nn.PixelShuffle(s))

    def forward(self, x):
        return self.body(x)


class Fsrcnn(nn.Module):
    """5x5 56, 1x1 12, 4 x 3x3 12, 1x1 56, each with PReLU; 9x9 transposed, stride s, to s*H (nets.Fsrcnn)."""

    def __init__(self, s):
        super().__init__()
        layers = []
        for cin, cout, k in [(1, 56, 5), (56, 12, 1)] + [(12, 12, 3)] * 4 + [(12, 56, 1)]:
            layers += [nn.Conv2d(cin, cout, k, padding=k // 2), nn.PReLU(cout)]
        self.body = nn.Sequential(*layers)
        pad = (9 - s + 1) // 2  # TensorFlow "SAME": output exactly s*H
        self.deconv = nn.ConvTranspose2d(56, 1, 9, stride=s, padding=pad, output_padding=2 * pad + s - 9)

    def forward(self, x):
        return self.deconv(self.body(x))


def upsampler(c, s, groups, act):
    """EDSR's sub-pixel upsampler (nets.Blocks.upsample): 3x3 to 9c, shuffle 3; or log2(s) x (3x3 to 4c, shuffle 2)."""
    stages = [3] if s == 3 else [2] * (s.bit_length() - 1)
    layers = []
    for f in stages:
        layers += [nn.Conv2d(c, f * f * c, 3, padding=1, groups=groups), nn.PixelShuffle(f)]
        if act:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


class Residual(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv1, self.conv2 = nn.Conv2d(c, c, 3, padding=1), nn.Conv2d(c, c, 3, padding=1)

    def forward(self, x):
        return x + self.conv2(torch.relu(self.conv1(x)))


class EdsrBaseline(nn.Module):
    """head 3x3 64, 16 residual blocks, 3x3, global residual, upsampler, tail 3x3 1 (nets.Edsr.baseline)."""

    def __init__(self, s):
        super().__init__()
        self.head = nn.Conv2d(1, 64, 3, padding=1)
        self.body = nn.Sequential(*[Residual(64) for _ in range(16)], nn.Conv2d(64, 64, 3, padding=1))
        self.up = upsampler(64, s, 1, False)
        self.tail = nn.Conv2d(64, 1, 3, padding=1)

    def forward(self, x):
        h = self.head(x)
        return self.tail(self.up(h + self.body(h)))


class Efficient(nn.Module):
    """CARN-M's efficient residual unit: grouped 3x3 ReLU, grouped 3x3 ReLU, 1x1, + x, ReLU."""

    def __init__(self, c, g):
        super().__init__()
        self.conv1 = nn.Conv2d(c, c, 3, padding=1, groups=g)
        self.conv2 = nn.Conv2d(c, c, 3, padding=1, groups=g)
        self.conv3 = nn.Conv2d(c, c, 1)

    def forward(self, x):
        return torch.relu(x + self.conv3(torch.relu(self.conv2(torch.relu(self.conv1(x))))))


class Cascade(nn.Module):
    """n units, after each the concatenation of x and the outputs so far fused by 1x1 + ReLU; shared: one unit n times."""

    def __init__(self, c, units):
        super().__init__()
        self.units = nn.ModuleList(units)  # a repeated unit shares its weights
        self.fuse = nn.ModuleList(nn.Conv2d(c * (i + 2), c, 1) for i in range(len(units)))

    def forward(self, x):
        features, o = [x], x
        for unit, fuse in zip(self.units, self.fuse):
            features.append(unit(o))
            o = torch.relu(fuse(torch.cat(features, 1)))
        return o


class CarnM(nn.Module):
    """entry 3x3 64, 3 cascading blocks of one shared efficient unit applied 3 times, grouped upsampler + ReLU, exit (nets.Carn.mobile)."""

    def __init__(self, s, c=64, g=4):
        super().__init__()
        self.entry = nn.Conv2d(1, c, 3, padding=1)
        blocks = []
        for _ in range(3):
            unit = Efficient(c, g)
            blocks.append(Cascade(c, [unit, unit, unit]))
        self.body = Cascade(c, blocks)
        self.up = upsampler(c, s, g, True)
        self.exit = nn.Conv2d(c, 1, 3, padding=1)

    def forward(self, x):
        return self.exit(self.up(self.body(self.entry(x))))


NETWORKS = {"espcn": Espcn, "fsrcnn": Fsrcnn, "edsr-baseline": EdsrBaseline, "carn-m": CarnM}


def train(net, s, batch, hr, steps):
    lr = hr // s
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    warmup = max(3, steps // 10)
    start = 0.0
    for step in range(warmup + steps):
        if step == warmup:
            start = time.perf_counter()
        x, y = torch.rand(batch, 1, lr, lr), torch.rand(batch, 1, hr, hr)
        opt.zero_grad()
        loss = (net(x) - y).abs().mean()
        loss.backward()
        opt.step()
    return steps / (time.perf_counter() - start)


def infer(net, s, size, rounds):
    x = torch.rand(1, 1, size, size)
    best = float("inf")
    with torch.no_grad():
        net(x)
        for _ in range(rounds):
            t0 = time.perf_counter()
            net(x)
            best = min(best, time.perf_counter() - t0)
    return size * size * s * s / 1e6 / best


def main(argv):
    mode, name, s = argv[1], argv[2], int(argv[3])
    torch.manual_seed(1)
    net = NETWORKS[name](s)
    params = sum(p.numel() for p in net.parameters())
    if mode == "train":
        batch, hr, threads, steps = map(int, argv[4:8])
        torch.set_num_threads(threads)
        print("steps/s %.4f params %d" % (train(net, s, batch, hr, steps), params))
    else:
        size, threads, rounds = map(int, argv[4:7])
        torch.set_num_threads(threads)
        net.eval()
        print("MP/s %.4f params %d" % (infer(net, s, size, rounds), params))


if __name__ == "__main__":
    main(sys.argv)
