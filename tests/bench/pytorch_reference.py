"""The bench's PyTorch reference: the app's model spec, trained the way a user who picked PyTorch would.

Reads one JSON object on stdin:
  {"spec": <the app's model spec>, "classes": 10, "batches": [32, 64], "threads": 1,
   "images": 4096, "seconds": 4, "repeats": 2, "learningRate": 0.001}
and prints one JSON object: {"torch": version, "threads": n, "cells": [{"batch": b, "imagesPerSec": x}]}.

Same layers, same batch sizes, Adam with the same learning rate, softmax cross-entropy, on the CPU with
the given number of threads (the app's XNNPACK threads). Random images: a step's time does not depend on
the pixels. Each measurement trains whole batches after three warm-up steps, up to `images` images or
`seconds` seconds, and the best of `repeats` counts, as in the app's measurement.
"""
import json
import sys
import time

import torch
from torch import nn


def activation(name):
    return {
        "relu": nn.ReLU(),
        "leakyRelu": nn.LeakyReLU(0.2),  # tf.layers.leakyReLU's default alpha
        "elu": nn.ELU(),
        "sigmoid": nn.Sigmoid(),
        "tanh": nn.Tanh(),
        "linear": nn.Identity(),
        # The app's last softmax is folded into the loss, as CrossEntropyLoss does.
        "softmax": nn.Identity(),
    }[name]


def build(spec):
    h, w, c = spec["inputShape"]
    shape = (c, h, w)  # channels first
    layers = []
    for layer in spec["layers"]:
        kind = layer["type"]
        if kind == "conv2d":
            k, s = layer["kernelSize"], layer.get("strides", 1)
            pad = (k - 1) // 2 if layer.get("padding", "valid") == "same" else 0
            layers += [nn.Conv2d(shape[0], layer["filters"], k, stride=s, padding=pad), activation(layer.get("activation", "relu"))]
            out = lambda n: (n + 2 * pad - k) // s + 1 if layer.get("padding", "valid") == "valid" else -(-n // s)
            shape = (layer["filters"], out(shape[1]), out(shape[2]))
        elif kind in ("maxPool", "avgPool"):
            p = layer.get("poolSize", 2)
            s = layer.get("strides") or p
            layers.append((nn.MaxPool2d if kind == "maxPool" else nn.AvgPool2d)(p, stride=s))
            shape = (shape[0], (shape[1] - p) // s + 1, (shape[2] - p) // s + 1)
        elif kind == "flatten":
            layers.append(nn.Flatten())
            n = 1
            for d in shape:
                n *= d
            shape = (n,)
        elif kind == "dense":
            layers += [nn.Linear(shape[0], layer["units"]), activation(layer.get("activation", "relu"))]
            shape = (layer["units"],)
        elif kind == "activation":
            layers.append(activation(layer["activation"]))
        elif kind == "dropout":
            layers.append(nn.Dropout(layer["rate"]))
        elif kind == "batchNorm":
            layers.append(nn.BatchNorm2d(shape[0]) if len(shape) == 3 else nn.BatchNorm1d(shape[0]))
        else:
            raise ValueError(f"the PyTorch reference does not know layer type {kind}")
    return nn.Sequential(*layers), spec["inputShape"]


def measure(spec, classes, batch, images, seconds, learning_rate):
    model, (h, w, c) = build(spec)
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=learning_rate, betas=(0.9, 0.999), eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()
    x = torch.rand(batch, c, h, w)
    y = torch.randint(0, classes, (batch,))

    def step():
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        return loss

    for _ in range(3):
        step()
    done = 0
    start = time.perf_counter()
    while done + batch <= max(images, batch) and time.perf_counter() - start < seconds:
        step().item()  # the loss read back, as the app reads its metrics
        done += batch
    return done / (time.perf_counter() - start)


def main():
    o = json.load(sys.stdin)
    torch.set_num_threads(int(o["threads"]))
    torch.manual_seed(1)
    cells = []
    for batch in o["batches"]:
        best = max(measure(o["spec"], o["classes"], batch, o["images"], o["seconds"], o["learningRate"]) for _ in range(o["repeats"]))
        cells.append({"batch": batch, "imagesPerSec": best})
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "cells": cells}))


if __name__ == "__main__":
    main()
