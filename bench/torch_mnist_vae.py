#!/usr/bin/python3
"""The PyTorch side of the MNIST race: the same fully connected VAE, data, batch size, optimiser
and thread count as exercise 7, configured as well as PyTorch allows on this CPU.

Run it through bench/race (which sets OPENBLAS_CORETYPE and the OpenMP build of OpenBLAS before
Python starts); it prints quantity,value lines like `solution7 --csv`.
"""
import argparse
import os
import resource
import statistics
import struct
import sys
import time

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F


def read_idx(path, limit=None):
    with open(path, "rb") as f:
        data = f.read()
    magic, count = struct.unpack(">II", data[:8])
    if magic == 0x803:
        rows, cols = struct.unpack(">II", data[8:16])
        n = count if limit is None else min(count, limit)
        pixels = np.frombuffer(data, dtype=np.uint8, count=n * rows * cols, offset=16)
        return pixels.reshape(n, rows * cols).astype(np.float32) / 255.0
    if magic == 0x801:
        n = count if limit is None else min(count, limit)
        return np.frombuffer(data, dtype=np.uint8, count=n, offset=8).astype(np.int64)
    sys.exit(f"{path}: not an IDX file (magic {magic:#x})")


class Vae(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        *widths, latent = sizes
        enc = []
        for a, b in zip(widths[:-1], widths[1:]):
            enc += [nn.Linear(a, b), nn.ReLU()]
        self.encoder = nn.Sequential(*enc)
        # One head for [mu | log sigma^2], as in the workbook's model.
        self.head = nn.Linear(widths[-1], 2 * latent)
        dec = []
        rev = [latent] + widths[::-1]
        for i, (a, b) in enumerate(zip(rev[:-1], rev[1:])):
            dec.append(nn.Linear(a, b))
            if i < len(rev) - 2:
                dec.append(nn.ReLU())
        self.decoder = nn.Sequential(*dec)
        self.latent = latent

    def forward(self, x):
        h = self.head(self.encoder(x))
        mu, logvar = h[:, : self.latent], h[:, self.latent :]
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        return self.decoder(z), mu, logvar


def losses(model, x):
    logits, mu, logvar = model(x)
    n = x.shape[0]
    recon = F.binary_cross_entropy_with_logits(logits, x, reduction="sum") / n
    kl = 0.5 * torch.sum(logvar.exp() + mu.pow(2) - logvar - 1.0) / n
    return recon, kl


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--arch", default="784-400-20")
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", "data", "mnist"))
    p.add_argument("--train-subset", type=int, default=None)
    p.add_argument("--seed", type=int, default=42)
    args = p.parse_args()

    torch.set_num_threads(args.threads)
    torch.set_flush_denormal(True)  # denormals slow later epochs by 25-60% otherwise
    torch.manual_seed(args.seed)
    sizes = [int(s) for s in args.arch.split("-")]

    train_x = torch.from_numpy(read_idx(os.path.join(args.data, "train-images-idx3-ubyte"), args.train_subset))
    test_x = torch.from_numpy(read_idx(os.path.join(args.data, "t10k-images-idx3-ubyte")))
    model = Vae(sizes)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)

    seconds = []
    for epoch in range(1, args.epochs + 1):
        start = time.perf_counter()
        order = torch.randperm(train_x.shape[0])
        total = 0.0
        for i in range(0, train_x.shape[0], args.batch):
            x = train_x[order[i : i + args.batch]]
            recon, kl = losses(model, x)
            loss = recon + kl
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            total += loss.item() * x.shape[0]
        seconds.append(time.perf_counter() - start)
        print(f"# epoch {epoch}: loss {total / train_x.shape[0]:.3f}, {seconds[-1]:.3f} s", file=sys.stderr)

    with torch.no_grad():
        r_sum = k_sum = 0.0
        for i in range(0, test_x.shape[0], 1000):
            x = test_x[i : i + 1000]
            r, k = losses(model, x)
            r_sum += r.item() * x.shape[0]
            k_sum += k.item() * x.shape[0]
    n = test_x.shape[0]
    print("quantity,value")
    print(f"test_elbo,{(r_sum + k_sum) / n:.6f}")
    print(f"test_recon,{r_sum / n:.6f}")
    print(f"test_kl,{k_sum / n:.6f}")
    print(f"seconds_per_epoch,{statistics.median(seconds):.6f}")
    print(f"peak_rss_mb,{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f}")
    print(f"torch_version,{torch.__version__}")


if __name__ == "__main__":
    main()
