"""Reference outputs for DeepSR's layer vocabulary (org.deepsr.nets.Layer / Blocks).

Writes src/test/resources/org/deepsr/nets/layers.json: for each case the
input, the weights under the names and TensorFlow layouts that the Java
layer asks for (conv kernels [kh,kw,in/groups,out], transposed-conv kernels
[kh,kw,out,in]), and the output, all NHWC float32. The references are
written here in numpy from the definitions (PyTorch's Conv2d groups and
dilation, TF's "SAME" transposed convolution, DepthToSpace, RCAN's channel
attention, EDSR's residual block, a dense block, batch norm, TF's Keys
bicubic). When torch is importable the script also checks each numpy
reference against PyTorch where PyTorch has the same operation.

Run from the repository root: python3 src/test/python/layer_fixtures.py
(/usr/bin/python3 where Debian's python3-torch is installed: the committed
fixture was written with the PyTorch cross-check on). PyTorch's bicubic
interpolation uses a = -0.75, so the global skip has the numpy reference only.
"""
import json
import os

import numpy as np

rng = np.random.default_rng(20261203)
OUT = os.path.join("src", "test", "resources", "org", "deepsr", "nets", "layers.json")

try:
    import torch
    import torch.nn.functional as F
except ImportError:  # the numpy references stand alone
    torch = None


def rand(*shape, scale=1.0):
    return (rng.standard_normal(shape) * scale).astype(np.float32)


def conv(x, kernel, bias, groups=1, dilation=1):
    """NHWC 'SAME' stride-1 convolution; kernel [k,k,in/groups,out]; group g maps inputs g*in/G.. to outputs g*out/G.."""
    n, h, w, cin = x.shape
    k, _, cg, cout = kernel.shape
    og = cout // groups
    reach = dilation * (k - 1)
    before = reach // 2
    xp = np.zeros((n, h + reach, w + reach, cin), np.float64)
    xp[:, before:before + h, before:before + w] = x
    y = np.zeros((n, h, w, cout), np.float64)
    for g in range(groups):
        for a in range(k):
            for b in range(k):
                patch = xp[:, a * dilation:a * dilation + h, b * dilation:b * dilation + w, g * cg:(g + 1) * cg]
                y[..., g * og:(g + 1) * og] += patch @ kernel[a, b, :, g * og:(g + 1) * og].astype(np.float64)
    return y + bias


def deconv(x, kernel, bias, s):
    """TF conv2d_transpose, 'SAME', stride s: [N,H,W,in] -> [N,sH,sW,out]; kernel [k,k,out,in].
    Input pixel i feeds output j = s*i + t - before, before = max(k - s, 0) // 2."""
    n, h, w, _ = x.shape
    k = kernel.shape[0]
    before = max(k - s, 0) // 2
    y = np.zeros((n, s * h, s * w, kernel.shape[2]), np.float64)
    for i in range(h):
        for j in range(w):
            for a in range(k):
                for b in range(k):
                    oy, ox = s * i + a - before, s * j + b - before
                    if 0 <= oy < s * h and 0 <= ox < s * w:
                        y[:, oy, ox] += x[:, i, j].astype(np.float64) @ kernel[a, b].T.astype(np.float64)
    return y + bias


def sub_pixel(x, s, channel):
    """out[s*y+i, s*x+j, c] = in[y, x, channel(i, j, c, C)]."""
    n, h, w, cs = x.shape
    c = cs // (s * s)
    y = np.zeros((n, h * s, w * s, c), np.float32)
    for i in range(s):
        for j in range(s):
            for ch in range(c):
                y[:, i::s, j::s, ch] = x[..., channel(i, j, ch, c)]
    return y


def depth_to_space(x, s):
    """TF order: channel (i*s+j)*C + c."""
    return sub_pixel(x, s, lambda i, j, ch, c: (i * s + j) * c + ch)


def pixel_shuffle(x, s):
    """PyTorch order: channel c*s*s + i*s + j."""
    return sub_pixel(x, s, lambda i, j, ch, c: ch * s * s + i * s + j)


def relu(x):
    return np.maximum(x, 0)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def keys_table(a=-0.5, size=1024):
    """TF's resize_bicubic coefficient table: [2i] = W(i/size), [2i+1] = W(i/size + 1)."""
    t = np.zeros(2 * (size + 1), np.float32)
    for i in range(size + 1):
        x = i / size
        t[2 * i] = ((a + 2) * x - (a + 3)) * x * x + 1
        x += 1
        t[2 * i + 1] = ((a * x - 5 * a) * x + 8 * a) * x - 4 * a
    return t


def bicubic_weights(n, s, size=1024):
    """Resampling matrix [s*n, n] of TF's ResizeBicubic with half_pixel_centers: Keys a = -0.5 read
    from the table, taps outside the image dropped and the rest renormalised."""
    table = keys_table(size=size)
    m = np.zeros((s * n, n), np.float64)
    for j in range(s * n):
        loc = (j + 0.5) / s - 0.5
        base = int(np.floor(loc))
        offset = int(np.rint((loc - base) * size))
        taps = [base - 1, base, base + 1, base + 2]
        weights = [table[offset * 2 + 1], table[offset * 2], table[(size - offset) * 2], table[(size - offset) * 2 + 1]]
        kept = [(t, wt) for t, wt in zip(taps, weights) if 0 <= t < n]
        total = sum(wt for _, wt in kept)
        for t, wt in kept:
            m[j, t] += wt / total
    return m


def bicubic(x, s):
    n, h, w, c = x.shape
    my, mx = bicubic_weights(h, s), bicubic_weights(w, s)
    return np.einsum("yi,nijc,xj->nyxc", my, x.astype(np.float64), mx)


def arr(a):
    a = np.asarray(a, np.float32)
    # the shortest decimal that reads back as the same float32
    return {"shape": list(a.shape), "data": [float(np.format_float_positional(v, unique=True)) for v in a.ravel()]}


cases = []


def case(name, kind, args, x, params, out, extra=None):
    c = {"name": name, "kind": kind, "args": args, "input": arr(x),
         "params": {k: arr(v) for k, v in params.items()}, "output": arr(out)}
    if extra:
        c["extra"] = {k: arr(v) for k, v in extra.items()}
    cases.append(c)


def torch_conv(x, kernel, bias, groups, dilation):
    k = kernel.shape[0]
    wt = torch.tensor(kernel).permute(3, 2, 0, 1)  # [out, in/groups, kh, kw]
    y = F.conv2d(torch.tensor(x).permute(0, 3, 1, 2), wt, torch.tensor(bias), padding=dilation * (k - 1) // 2, dilation=dilation, groups=groups)
    return y.permute(0, 2, 3, 1).numpy()


def check(name, ours, theirs):
    err = float(np.max(np.abs(ours - theirs)))
    assert err < 1e-5, (name, err)
    print("  torch agrees on", name, "max |diff|", err)


# grouped and dilated convolution
for name, (h, w, cin, cout, k, groups, dilation) in {
        "conv_grouped": (6, 7, 4, 6, 3, 2, 1),
        "conv_dilated": (7, 8, 3, 4, 3, 1, 2),
        "conv_grouped_dilated": (8, 7, 6, 9, 3, 3, 3)}.items():
    x = rand(1, h, w, cin)
    kernel, bias = rand(k, k, cin // groups, cout, scale=0.3), rand(cout, scale=0.1)
    y = conv(x, kernel, bias, groups, dilation)
    if torch is not None:
        check(name, y, torch_conv(x, kernel, bias, groups, dilation))
    case(name, "conv", {"k": k, "out": cout, "groups": groups, "dilation": dilation}, x, {"layer/kernel": kernel, "layer/bias": bias}, y)

# transposed convolution (FSRCNN's 9x9 at x3, asymmetric padding at x2, 4x4 at x2)
for name, (h, w, cin, cout, k, s) in {
        "deconv_k9_s3": (4, 5, 3, 2, 9, 3),
        "deconv_k9_s2": (5, 4, 2, 1, 9, 2),
        "deconv_k4_s2": (4, 4, 3, 2, 4, 2)}.items():
    x = rand(1, h, w, cin)
    kernel, bias = rand(k, k, cout, cin, scale=0.2), rand(cout, scale=0.1)
    y = deconv(x, kernel, bias, s)
    if torch is not None:  # the full transposed convolution, cropped where TF's "SAME" output starts
        p = max(k - s, 0) // 2
        t = F.conv_transpose2d(torch.tensor(x).permute(0, 3, 1, 2), torch.tensor(kernel).permute(3, 2, 0, 1), torch.tensor(bias), stride=s)
        check(name, y, t.permute(0, 2, 3, 1).numpy()[:, p:p + s * h, p:p + s * w])
    case(name, "deconv", {"k": k, "scale": s, "out": cout}, x, {"layer/kernel": kernel, "layer/bias": bias}, y)

# sub-pixel: TF's DepthToSpace order; PyTorch's pixel_shuffle order given beside it
x = rand(1, 3, 4, 12)
y, shuffled = depth_to_space(x, 2), pixel_shuffle(x, 2)
if torch is not None:
    check("pixel_shuffle", shuffled, F.pixel_shuffle(torch.tensor(x).permute(0, 3, 1, 2), 2).permute(0, 2, 3, 1).numpy())
case("subpixel_x2_c3", "subpixel", {"scale": 2}, x, {}, y, {"pixel_shuffle": shuffled})

# RCAN channel attention, reduction 4
x = rand(1, 5, 6, 8)
down_k, down_b, up_k, up_b = rand(1, 1, 8, 2, scale=0.5), rand(2, scale=0.1), rand(1, 1, 2, 8, scale=0.5), rand(8, scale=0.1)
pooled = x.astype(np.float64).mean(axis=(1, 2), keepdims=True)
y = x * sigmoid(conv(relu(conv(pooled, down_k, down_b)), up_k, up_b))
if torch is not None:  # RCAN's CALayer: AdaptiveAvgPool2d(1), Conv2d(C, C/r, 1), ReLU, Conv2d(C/r, C, 1), Sigmoid
    t = torch.tensor(x).permute(0, 3, 1, 2)
    pooled_t = F.adaptive_avg_pool2d(t, 1).permute(0, 2, 3, 1).numpy()
    att = torch.sigmoid(torch.tensor(torch_conv(np.maximum(torch_conv(pooled_t, down_k, down_b, 1, 1), 0), up_k, up_b, 1, 1)))
    check("channel attention", y, (t.permute(0, 2, 3, 1) * att).numpy())
case("channel_attention", "channel_attention", {"reduction": 4}, x,
     {"layer/down/kernel": down_k, "layer/down/bias": down_b, "layer/up/kernel": up_k, "layer/up/bias": up_b}, y)

# EDSR residual block with residual scaling 0.1
x = rand(1, 5, 6, 4)
k1, b1, k2, b2 = rand(3, 3, 4, 4, scale=0.3), rand(4, scale=0.1), rand(3, 3, 4, 4, scale=0.3), rand(4, scale=0.1)
y = x + 0.1 * conv(relu(conv(x, k1, b1)), k2, b2)
if torch is not None:  # EDSR's ResBlock: res = body(x).mul(res_scale); res += x
    check("residual block", y, x + 0.1 * torch_conv(np.maximum(torch_conv(x, k1, b1, 1, 1), 0), k2, b2, 1, 1))
case("residual_scaled", "residual", {"k": 3, "residual_scale": 0.1}, x,
     {"layer/conv1/kernel": k1, "layer/conv1/bias": b1, "layer/conv2/kernel": k2, "layer/conv2/bias": b2}, y)

# dense block: 3 layers, growth 2
x = rand(1, 5, 5, 3)
params, features = {}, [x.astype(np.float64)]
for i in range(1, 4):
    cin = 3 + 2 * (i - 1)
    kernel, bias = rand(3, 3, cin, 2, scale=0.3), rand(2, scale=0.1)
    params["layer/conv%d/kernel" % i], params["layer/conv%d/bias" % i] = kernel, bias
    features.append(relu(conv(np.concatenate(features, axis=3), kernel, bias)))
if torch is not None:
    torch_features = [x]
    for i in range(1, 4):
        torch_features.append(np.maximum(torch_conv(np.concatenate(torch_features, axis=3), params["layer/conv%d/kernel" % i], params["layer/conv%d/bias" % i], 1, 1), 0))
    check("dense block", np.concatenate(features, axis=3), np.concatenate(torch_features, axis=3))
case("dense_3x2", "dense", {"layers": 3, "growth": 2, "k": 3}, x, params, np.concatenate(features, axis=3))

# batch norm: batch statistics (TRAIN) and moving statistics (INFERENCE), eps 1e-5
x = rand(2, 4, 5, 3) * 2 + 0.5
gamma, beta = 1 + rand(3, scale=0.2), rand(3, scale=0.2)
moving_mean, moving_var = rand(3, scale=0.3), (0.5 + np.abs(rand(3))).astype(np.float32)
bn = {"layer/gamma": gamma, "layer/beta": beta, "layer/moving_mean": moving_mean, "layer/moving_variance": moving_var}
xd = x.astype(np.float64)
mean, var = xd.mean(axis=(0, 1, 2)), xd.var(axis=(0, 1, 2))
train = (xd - mean) / np.sqrt(var + 1e-5) * gamma + beta
infer = (xd - moving_mean) / np.sqrt(moving_var + 1e-5) * gamma + beta
if torch is not None:
    t = torch.tensor(x).permute(0, 3, 1, 2)
    check("batch_norm train", train, F.batch_norm(t, None, None, torch.tensor(gamma), torch.tensor(beta), training=True, eps=1e-5).permute(0, 2, 3, 1).numpy())
    check("batch_norm inference", infer, F.batch_norm(t, torch.tensor(moving_mean), torch.tensor(moving_var), torch.tensor(gamma), torch.tensor(beta), training=False, eps=1e-5).permute(0, 2, 3, 1).numpy())
case("batch_norm_train", "batch_norm", {"mode": "TRAIN", "eps": 1e-5}, x, bn, train, {"batch_mean": mean, "batch_variance": var})
case("batch_norm_inference", "batch_norm", {"mode": "INFERENCE", "eps": 1e-5}, x, bn, infer)

# global skip: out + bicubic(input), TF's Keys kernel (not PyTorch's a = -0.75)
for s in (2, 3, 4):
    x, residual = rand(1, 5, 7, 1), rand(1, 5 * s, 7 * s, 1, scale=0.1)
    case("global_skip_x%d" % s, "global_skip", {"scale": s}, x, {}, residual + bicubic(x, s), {"residual": residual})

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as f:
    json.dump({"generator": "src/test/python/layer_fixtures.py", "torch_checked": torch is not None, "cases": cases}, f, separators=(",", ":"))
print("wrote", OUT, len(cases), "cases,", os.path.getsize(OUT), "bytes; torch cross-check:", torch is not None)
