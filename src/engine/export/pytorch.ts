import type { BuiltinDatasetId } from '../data/catalog';
import type { ModelSpec } from '../spec/layers';
import type { TrainingConfig } from '../train/config';
import { constantsCode, PATIENCE_CODE, scheduleCode, SUBSETS_CODE, epochEndLines } from './common';
import { describeExperiment, type Experiment } from './experiment';
import { describeLoss, torchLossCode } from './lossInit';
import { headerCode } from './header';
import { indent, sections } from './python';
import { SCG_CORE_CODE } from './scg';
import { BLOCKS_CODE, HE_NORMAL_CODE, torchModelCode, usesHeNormal } from './torchModel';
import { isBlock } from '../spec/layers';
import { torchOptimizer } from './torchOptimizer';

// The experiment as a PyTorch script: torchvision's dataset, an explicit training loop that does what
// the app's trainer does (src/engine/train/trainer.ts) step for step.

const TORCHVISION: Record<BuiltinDatasetId, string> = { mnist: 'MNIST', 'fashion-mnist': 'FashionMNIST', cifar10: 'CIFAR10' };

const IMPORTS = `import argparse
import math
import random
from collections import OrderedDict

import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset`;

const COUNT_CODE = `def count_params(model):
    """Weights and biases, plus batch norm's moving mean and variance, which Keras and the app count too."""
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    weights = sum(p.numel() for p in model.parameters())
    moving = sum(b.numel() for name, b in model.named_buffers() if name.endswith(("running_mean", "running_var")))
    return weights + moving, trainable`;

const PENALTY_CODE = `def penalty(model):
    """L1·Σ|w| + L2·Σw² over the conv and dense kernels (not biases, not batch norm), added to the loss as in the app."""
    kernels = [m.weight for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    return L1 * sum(k.abs().sum() for k in kernels) + L2 * sum(k.square().sum() for k in kernels)`;

const EVALUATE_CODE = `def to_tensors(images, labels):
    """NumPy (N, H, W, C) images, as the app holds them, to PyTorch's (N, C, H, W)."""
    return torch.from_numpy(images).permute(0, 3, 1, 2).contiguous(), torch.from_numpy(labels)


@torch.no_grad()
def evaluate(model, part, device):
    """Mean data loss (the one training minimises) and accuracy on a subset, in evaluation mode (no dropout, moving statistics)."""
    model.eval()
    x, y = to_tensors(*part)
    loss, correct = 0.0, 0
    for start in range(0, len(y), 1000):
        xb, yb = x[start:start + 1000].to(device), y[start:start + 1000].to(device)
        logits = model(xb)
        loss += float(data_loss(logits, yb, reduction="sum"))
        correct += int((logits.argmax(1) == yb).sum())
    model.train()
    return loss / len(y), correct / len(y)`;

function loadDataCode(e: Experiment): string {
  const cls = TORCHVISION[e.dataset.id];
  return `def load_data(root):
    """${e.dataset.name} from torchvision (downloaded into \`root\` once), then the app's subset sizes."""
    from torchvision import datasets  # here, so that --build-only and --smoke need torch alone

    train = datasets.${cls}(root, train=True, download=True)
    test = datasets.${cls}(root, train=False, download=True)
    return take_subsets(np.asarray(train.data), np.asarray(train.targets), np.asarray(test.data), np.asarray(test.targets))`;
}

function makeOptimizerCode(e: Experiment): string {
  const o = torchOptimizer(e.config.optimizer);
  return [
    'def make_optimizer(model):',
    `    """The app's ${e.config.optimizer.type} optimizer."""`,
    '    params = model.parameters()',
    ...o.notes.map((n) => `    # ${n}`),
    `    return ${o.make}`,
  ].join('\n');
}

function trainCode(e: Experiment): string {
  const o = torchOptimizer(e.config.optimizer);
  const penalty = e.config.l1 > 0 || e.config.l2 > 0;
  const patience = e.config.earlyStoppingPatience > 0;
  const step = o.closure
    ? ['optimizer.step(objective)  # SCG evaluates the batch\'s loss several times per step']
    : ['optimizer.zero_grad()', 'objective().backward()', 'optimizer.step()'];
  const body = [
    'model.to(device)',
    'optimizer = make_optimizer(model)',
    ...(e.scheduled ? ['# The rate is set before every step (not every epoch), as in the app.', 'scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lr_factor)'] : []),
    ...(patience ? ['stopper = EarlyStopping(lambda: {k: v.detach().clone() for k, v in model.state_dict().items()}, model.load_state_dict)'] : []),
    `loss_fn = data_loss  # ${describeLoss(e.config.loss)}, the app's loss`,
    'x, y = to_tensors(*data["train"])',
    'batches = DataLoader(TensorDataset(x, y), batch_size=BATCH_SIZE, shuffle=True, generator=torch.Generator().manual_seed(SEED))',
    'for epoch in range(epochs):',
    '    model.train()',
    '    loss_sum, correct = 0.0, 0',
    '    for xb, yb in batches:',
    '        xb, yb = xb.to(device), yb.to(device)',
    '        first = {}',
    '',
    '        def objective():',
    '            logits = model(xb)',
    '            loss = loss_fn(logits, yb)',
    '            if not first:  # the figures at the weights before the step, as the app reports them',
    '                first["loss"], first["correct"] = float(loss), int((logits.argmax(1) == yb).sum())',
    `            return ${penalty ? 'loss + penalty(model)  # the reported loss stays the data loss, as in the app' : 'loss'}`,
    '',
    ...step.map((s) => `        ${s}`),
    ...(e.scheduled ? ['        scheduler.step()'] : []),
    '        loss_sum += first["loss"] * len(yb)',
    '        correct += first["correct"]',
    '    line = f"epoch {epoch + 1}/{epochs}: loss {loss_sum / len(y):.4f}, accuracy {correct / len(y):.4f}"',
    '    val_loss = None',
    '    if len(data["validation"][1]) > 0:',
    '        val_loss, val_accuracy = evaluate(model, data["validation"], device)',
    '        line += f", validation loss {val_loss:.4f}, accuracy {val_accuracy:.4f}"',
    ...epochEndLines(patience),
    ...(patience ? ['stopper.restore()'] : []),
  ];
  return [
    'def train(model, data, epochs, device):',
    '    """The app\'s loop: shuffled batches, one optimizer step each, the validation subset after every epoch."""',
    indent(body.join('\n')),
  ].join('\n');
}

const MAIN_CODE = `def main():
    parser = argparse.ArgumentParser(description="A CNN Playground experiment in PyTorch.")
    parser.add_argument("--build-only", action="store_true", help="build the model, check its parameter count, print the output shape and exit")
    parser.add_argument("--smoke", action="store_true", help="train on random images, at most 2 epochs, without downloading the dataset")
    parser.add_argument("--data", default="data", help="folder for torchvision's download (default: data)")
    args = parser.parse_args()
    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)

    model = build_model()
    total, trainable = count_params(model)
    print(model)
    print(f"parameters: {total} (trainable: {trainable})")
    assert total == EXPECTED_PARAMS, f"{total} parameters where the app counts {EXPECTED_PARAMS}"
    assert trainable == EXPECTED_TRAINABLE_PARAMS, f"{trainable} trainable parameters where the app counts {EXPECTED_TRAINABLE_PARAMS}"
    if args.build_only:
        model.eval()
        with torch.no_grad():
            out = model(torch.zeros(2, CHANNELS, HEIGHT, WIDTH))
        print(f"output shape: {list(out.shape)}")
        return

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    data = random_data() if args.smoke else load_data(args.data)
    train(model, data, min(EPOCHS, 2) if args.smoke else EPOCHS, device)
    test_loss, test_accuracy = evaluate(model, data["test"], device)
    print(f"test: loss {test_loss:.4f}, accuracy {test_accuracy:.4f} on {len(data['test'][1])} images")


if __name__ == "__main__":
    main()`;

/** The experiment as a runnable PyTorch script. Throws when the spec or settings are not valid for the dataset. */
export function pytorchScript(spec: ModelSpec, config: TrainingConfig, datasetId: BuiltinDatasetId, options: { title?: string } = {}): string {
  const e = describeExperiment(spec, config, datasetId, options.title);
  const o = torchOptimizer(e.config.optimizer);
  const header = headerCode(e, {
    framework: 'PyTorch',
    loader: `torchvision.datasets.${TORCHVISION[datasetId]}`,
    install: 'PyTorch, torchvision and NumPy: pip install torch torchvision numpy',
    differences: [
      'PyTorch lays images out as (N, C, H, W), the app as (N, H, W, C): the flatten layer orders the same numbers differently.',
      ...o.notes,
    ],
  });
  const script = sections([
    header,
    IMPORTS,
    constantsCode(e),
    e.scheduled ? scheduleCode(e) : null,
    usesHeNormal(e) ? HE_NORMAL_CODE : null,
    e.layers.some((l) => isBlock(l.layer)) ? BLOCKS_CODE : null,
    torchModelCode(e),
    COUNT_CODE,
    torchLossCode(e.config.loss),
    e.config.l1 > 0 || e.config.l2 > 0 ? PENALTY_CODE : null,
    o.closure ? SCG_CORE_CODE : null,
    ...o.classes,
    makeOptimizerCode(e),
    SUBSETS_CODE,
    loadDataCode(e),
    EVALUATE_CODE,
    e.config.earlyStoppingPatience > 0 ? PATIENCE_CODE : null,
    trainCode(e),
    MAIN_CODE,
  ]);
  return `${script}\n`;
}
