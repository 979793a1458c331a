#!/usr/bin/env python3
"""Independent NumPy reference for DeepSR's ESPCN training loop.

Reads a dump written by org.deepsr.train.TrainerDump (initial weights, the
batches the Java trainer used, its per-step losses and its weights after every
step) and replays training with a hand-written forward/backward pass
(im2col convolutions with SAME zero padding, tanh, depth-to-space in
TensorFlow's NHWC channel order) and Adam as in TensorFlow's ApplyAdam
(beta1 0.9, beta2 0.999, eps 1e-8, bias correction folded into the rate),
all in float64. Three comparisons:

  forced   loss at the Java weights of every step vs the Java loss
           (checks forward pass and loss);
  onestep  one Adam step from the Java weights, with Adam moments fed by
           gradients taken at the Java weights, vs the Java weights after the
           step (checks gradients and the optimiser, without chaotic drift);
  free     a whole independent run from the same initial weights on the
           same batches: losses and final weights.

Usage: python3 espcn_reference.py DUMP_DIR [SUMMARY.json]
(the summary holds the three comparisons' maxima, for TrainerReplayTest)
"""
import json
import sys
from pathlib import Path

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

B1, B2, EPS = 0.9, 0.999, 1e-8


def load(d):
    d = Path(d)
    cfg = dict(line.split() for line in (d / 'config.txt').read_text().splitlines())
    steps, batch, patch, s = (int(cfg[k]) for k in ('steps', 'batch', 'patch', 'scale'))
    names = [line.split()[0] for line in (d / 'params.txt').read_text().splitlines()]
    f = lambda name: np.fromfile(d / name, dtype='<f4')
    init = {n: f('init_' + n.replace('/', '_') + '.f32') for n in names}
    traj = {n: f('steps_' + n.replace('/', '_') + '.f32').reshape(steps, -1) for n in names}
    lr = f('lr.f32').reshape(steps, batch, patch, patch, 1).astype(np.float64)
    hr = f('hr.f32').reshape(steps, batch, s * patch, s * patch, 1).astype(np.float64)
    return cfg, names, init, traj, lr, hr, f('losses.f32').astype(np.float64)


def shapes(names, init, s):
    """Kernel shapes [k,k,in,out] from sizes: conv1 5x5 on 1 channel, then 3x3."""
    out, cin = {}, 1
    layers = [n[:-len('/kernel')] for n in names if n.endswith('/kernel')]
    for i, layer in enumerate(layers):
        cout = init[layer + '/bias'].size
        k = 5 if i == 0 else 3
        assert init[layer + '/kernel'].size == k * k * cin * cout
        out[layer] = (k, k, cin, cout)
        cin = cout
    assert cin == s * s
    return layers, out


def im2col(x, k):
    p = (k - 1) // 2
    xp = np.pad(x, ((0, 0), (p, p), (p, p), (0, 0)))
    win = sliding_window_view(xp, (k, k), axis=(1, 2))  # [N,H,W,C,k,k]
    n, h, w, c = x.shape
    return win.transpose(0, 1, 2, 4, 5, 3).reshape(n * h * w, k * k * c)


def col2im(cols, shape, k):
    n, h, w, c = shape
    p = (k - 1) // 2
    cols = cols.reshape(n, h, w, k, k, c)
    dxp = np.zeros((n, h + 2 * p, w + 2 * p, c))
    for a in range(k):
        for b in range(k):
            dxp[:, a:a + h, b:b + w, :] += cols[:, :, :, a, b, :]
    return dxp[:, p:p + h, p:p + w, :]


def d2s(x, s):
    n, h, w, cc = x.shape
    c = cc // (s * s)
    return x.reshape(n, h, w, s, s, c).transpose(0, 1, 3, 2, 4, 5).reshape(n, h * s, w * s, c)


def s2d(y, s):
    n, hs, ws, c = y.shape
    h, w = hs // s, ws // s
    return y.reshape(n, h, s, w, s, c).transpose(0, 1, 3, 2, 4, 5).reshape(n, h, w, s * s * c)


def loss_and_grads(params, layers, kshape, x, t, s, loss):
    acts, cache = x, []
    for i, layer in enumerate(layers):
        k, _, cin, cout = kshape[layer]
        cols = im2col(acts, k)
        z = cols @ params[layer + '/kernel'].reshape(k * k * cin, cout) + params[layer + '/bias']
        z = z.reshape(acts.shape[:3] + (cout,))
        cache.append((cols, acts.shape))
        acts = np.tanh(z) if i < len(layers) - 1 else z
        if i < len(layers) - 1:
            cache[-1] += (acts,)
    y = d2s(acts, s)
    diff = y - t
    if loss == 'L1':
        value, dy = np.abs(diff).mean(), np.sign(diff) / diff.size
    else:
        value, dy = (diff ** 2).mean(), 2 * diff / diff.size
    g, dz = {}, s2d(dy, s)
    for i in reversed(range(len(layers))):
        layer = layers[i]
        k, _, cin, cout = kshape[layer]
        cols, xshape = cache[i][0], cache[i][1]
        dzf = dz.reshape(-1, cout)
        g[layer + '/kernel'] = (cols.T @ dzf).reshape(-1)
        g[layer + '/bias'] = dzf.sum(0)
        if i > 0:
            dx = col2im(dzf @ params[layer + '/kernel'].reshape(k * k * cin, cout).T, xshape, k)
            dz = dx * (1 - cache[i - 1][2] ** 2)
    return value, g


def adam(params, grads, m, v, t, rate):
    # Java feeds beta powers as float32 (float) Math.pow(beta, t)
    b1p, b2p = float(np.float32(B1 ** t)), float(np.float32(B2 ** t))
    lr_t = rate * np.sqrt(1 - b2p) / (1 - b1p)
    out = {}
    for n in params:
        m[n] = m[n] + (grads[n] - m[n]) * (1 - B1)
        v[n] = v[n] + (grads[n] ** 2 - v[n]) * (1 - B2)
        out[n] = params[n] - lr_t * m[n] / (np.sqrt(v[n]) + EPS)
    return out


def rel(a, b):
    return np.abs(a - b).max() / max(np.abs(b).max(), 1e-30)


def main(d):
    cfg, names, init, traj, lr, hr, jloss = load(d)
    s, steps, rate, loss = int(cfg['scale']), int(cfg['steps']), float(cfg['lr']), cfg['loss']
    layers, kshape = shapes(names, init, s)
    f64 = lambda p: {n: p[n].astype(np.float64) for n in names}
    java_before = lambda i: f64(init) if i == 0 else f64({n: traj[n][i - 1] for n in names})

    forced, onestep = [], {n: 0.0 for n in names}
    mf = {n: np.zeros(init[n].size) for n in names}
    vf = {n: np.zeros(init[n].size) for n in names}
    for i in range(steps):
        w = java_before(i)
        value, g = loss_and_grads(w, layers, kshape, lr[i], hr[i], s, loss)
        forced.append(value)
        nxt = adam(w, g, mf, vf, i + 1, rate)
        for n in names:
            # the step's size relative to the Java step, per variable
            jstep = traj[n][i] - w[n]
            onestep[n] = max(onestep[n], np.abs((nxt[n] - w[n]) - jstep).max() / max(np.abs(jstep).max(), 1e-30))
    forced = np.array(forced)
    print(f'forced : max relative loss difference over {steps} steps {np.max(np.abs(forced - jloss) / jloss):.2e}')
    for n in names:
        print(f'onestep: {n:14s} max |step_np - step_java| / max|step_java| = {onestep[n]:.2e}')

    w = f64(init)
    m = {n: np.zeros(init[n].size) for n in names}
    v = {n: np.zeros(init[n].size) for n in names}
    free = []
    for i in range(steps):
        value, g = loss_and_grads(w, layers, kshape, lr[i], hr[i], s, loss)
        free.append(value)
        w = adam(w, g, m, v, i + 1, rate)
    free = np.array(free)
    r = np.abs(free - jloss) / jloss
    for i in (0, 1, 9, 49, 99, steps - 1):
        if i < steps:
            print(f'free   : step {i + 1:4d} loss java {jloss[i]:.6f} numpy {free[i]:.6f} rel {r[i]:.1e}')
    print(f'free   : max relative loss difference {r.max():.2e} (step {r.argmax() + 1}), median {np.median(r):.2e}')
    final = {n: rel(w[n], traj[n][-1].astype(np.float64)) for n in names}
    for n in names:
        print(f'free   : final {n:14s} max|dw|/max|w| {final[n]:.2e}')
    return {'steps': steps,
            'forced_loss': float(np.max(np.abs(forced - jloss) / jloss)),
            'onestep': float(max(onestep.values())),
            'free_loss': float(r.max()),
            'free_weights': float(max(final.values()))}


if __name__ == '__main__':
    summary = main(sys.argv[1])
    if len(sys.argv) > 2:
        Path(sys.argv[2]).write_text(json.dumps(summary))
