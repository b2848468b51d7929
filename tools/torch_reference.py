#!/usr/bin/python3
"""Writes tests/data/torch_reference_step.txt: one VAE training step computed by PyTorch.

For instructors only; nothing in the build or the tests runs it. It needs PyTorch (Debian:
apt-get install python3-torch), which Debian installs for its own /usr/bin/python3 only: a
python3 found first on PATH (a pyenv or a virtual environment) will not have it. Hence the
interpreter is named in full, on the first line and below.

The network is small and written out by hand so that its layout is exactly the C++ one:
every dense layer computes h W + b with W of shape (in, out). Encoder 6-5-3 with tanh, a
head giving [mu | log sigma^2] for a 2-d latent, decoder 3-5 with ReLU, Bernoulli output
(logits), beta = 0.7, a batch of 4. Weights, batch and eps come from simple trigonometric
formulas and are written into the file, so the C++ test reads every input from it.

Loss convention (as in lib/core/include/vae/nn/model.hpp): per-sample sums over features and
latent dimensions, averaged over the batch:
    recon = BCE-with-logits(reduction='sum') / B
    KL    = 0.5 * sum(exp(lv) + mu^2 - lv - 1) / B
    loss  = recon + beta * KL
The file then holds the loss, its parts and every gradient, followed by the loss before each
of three Adam steps (default settings) on the same batch and eps, and the parameters after
them. All numbers are written with %.17g, which round-trips a double exactly.

Usage: /usr/bin/python3 tools/torch_reference.py [output path]
       (default: tests/data/torch_reference_step.txt)
"""
import math
import os
import sys

import torch
import torch.nn.functional as F

INPUT, ENCODER, LATENT, DECODER = 6, [5, 3], 2, [3, 5]
BATCH, BETA, ADAM_STEPS = 4, 0.7, 3


def layer_shapes():
    """(name, in, out, activation) in the C++ model's order."""
    shapes, prev = [], INPUT
    for i, width in enumerate(ENCODER):
        shapes.append((f"encoder.{i}", prev, width, "tanh"))
        prev = width
    shapes.append(("head", prev, 2 * LATENT, "identity"))
    prev = LATENT
    for i, width in enumerate(DECODER):
        shapes.append((f"decoder.{i}", prev, width, "relu"))
        prev = width
    shapes.append(("output", prev, INPUT, "identity"))
    return shapes


def initial_parameters():
    params = []
    for l, (name, n_in, n_out, _) in enumerate(layer_shapes()):
        scale = 1.0 / math.sqrt(n_in)
        W = torch.tensor([[scale * 1.5 * math.sin(0.37 * (i * n_out + j + 1) + 0.91 * l)
                           for j in range(n_out)] for i in range(n_in)], dtype=torch.float64)
        b = torch.tensor([[0.1 * math.cos(0.23 * (j + 1) + 0.5 * l) for j in range(n_out)]],
                         dtype=torch.float64)
        params.append((name, W.requires_grad_(), b.requires_grad_()))
    return params


def batch_and_eps():
    x = torch.tensor([[0.5 + 0.45 * math.sin(0.37 * (i * INPUT + j) + 0.2)
                       for j in range(INPUT)] for i in range(BATCH)], dtype=torch.float64)
    eps = torch.tensor([[1.2 * math.cos(0.61 * (i * LATENT + k) + 0.3)
                         for k in range(LATENT)] for i in range(BATCH)], dtype=torch.float64)
    return x, eps


def loss_parts(params, x, eps):
    activation = {"tanh": torch.tanh, "relu": torch.relu, "identity": lambda u: u}
    shapes = layer_shapes()
    h = x
    n_encoder = len(ENCODER)
    for (name, W, b), (_, _, _, act) in zip(params[: n_encoder + 1], shapes[: n_encoder + 1]):
        h = activation[act](h @ W + b)
    mu, lv = h[:, :LATENT], h[:, LATENT:]
    h = mu + torch.exp(0.5 * lv) * eps
    for (name, W, b), (_, _, _, act) in zip(params[n_encoder + 1:], shapes[n_encoder + 1:]):
        h = activation[act](h @ W + b)
    recon = F.binary_cross_entropy_with_logits(h, x, reduction="sum") / x.shape[0]
    kl = 0.5 * torch.sum(torch.exp(lv) + mu ** 2 - lv - 1.0) / x.shape[0]
    return recon, kl


def write_matrix(out, name, m):
    m = m.detach()
    out.write(f"matrix {name} {m.shape[0]} {m.shape[1]}\n")
    for row in m.tolist():
        out.write(" ".join("%.17g" % v for v in row) + "\n")


def write_scalar(out, name, v):
    out.write("scalar %s %.17g\n" % (name, float(v)))


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "torch_reference_step.txt")
    torch.set_num_threads(1)
    params = initial_parameters()
    x, eps = batch_and_eps()

    recon, kl = loss_parts(params, x, eps)
    loss = recon + BETA * kl
    loss.backward()

    lines = []

    class Collect:
        def write(self, s):
            lines.append(s)

    out = Collect()
    out.write("# One VAE training step computed by PyTorch %s in float64 (tools/torch_reference.py).\n"
              % torch.__version__)
    out.write("# Regenerate with: /usr/bin/python3 tools/torch_reference.py. Do not edit by hand.\n")
    out.write("# Layers compute h W + b with W of shape (in, out). Sections: spec, beta, x, eps,\n")
    out.write("# init.* (parameters), loss/recon/kl, grad.*, then Adam: adam.loss.k (loss before\n")
    out.write("# step k) and adam.* (parameters after all steps).\n")
    out.write("spec input %d encoder %s latent %d decoder %s activation tanh relu "
              "likelihood bernoulli mode vae\n"
              % (INPUT, " ".join(map(str, ENCODER)), LATENT, " ".join(map(str, DECODER))))
    write_scalar(out, "beta", BETA)
    write_matrix(out, "x", x)
    write_matrix(out, "eps", eps)
    for name, W, b in params:
        write_matrix(out, f"init.{name}.W", W)
        write_matrix(out, f"init.{name}.b", b)
    write_scalar(out, "loss", loss.item())
    write_scalar(out, "recon", recon.item())
    write_scalar(out, "kl", kl.item())
    for name, W, b in params:
        write_matrix(out, f"grad.{name}.W", W.grad)
        write_matrix(out, f"grad.{name}.b", b.grad)

    tensors = [t for _, W, b in params for t in (W, b)]
    optimizer = torch.optim.Adam(tensors)  # lr 1e-3, betas (0.9, 0.999), eps 1e-8
    write_scalar(out, "adam.steps", ADAM_STEPS)
    for step in range(1, ADAM_STEPS + 1):
        optimizer.zero_grad()
        recon, kl = loss_parts(params, x, eps)
        loss = recon + BETA * kl
        loss.backward()
        optimizer.step()
        write_scalar(out, f"adam.loss.{step}", loss.item())
    for name, W, b in params:
        write_matrix(out, f"adam.{name}.W", W)
        write_matrix(out, f"adam.{name}.b", b)

    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write("".join(lines))
    os.replace(tmp, path)
    print("wrote", os.path.normpath(path))


if __name__ == "__main__":
    main()
