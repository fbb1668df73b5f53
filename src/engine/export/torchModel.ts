import type { Activation, BlockSpec, LayerSpec } from '../spec/layers';
import { endsWithSoftmax, type Experiment, type ExportLayer, LEAKY_RELU_ALPHA } from './experiment';
import { describeInit, innerKernelInit, kernelInitOf, torchInitLine } from './lossInit';
import type { KernelInit } from '../model/initSpec';
import { grouped, pyFloat } from './python';

// The model as a torch.nn.Sequential. PyTorch wants every input size spelled out (Keras infers them),
// and has no 'same' padding for strided convolutions, so the padding comes from the app's shapes.

/**
 * TensorFlow's 'same' padding along one axis: output ⌈size/stride⌉, the total padding that needs, and
 * the odd pixel (even kernels, some strides) after rather than before.
 */
export function samePadding(size: number, kernel: number, stride: number): [number, number] {
  const out = Math.ceil(size / stride);
  const total = Math.max(0, (out - 1) * stride + kernel - size);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

interface Module {
  name: string;
  code: string;
  comment?: string;
}

function activationModule(activation: Activation, imageShaped: boolean): string | null {
  switch (activation) {
    case 'linear':
      return null;
    case 'relu':
      return 'nn.ReLU()';
    case 'leakyRelu':
      return `nn.LeakyReLU(${pyFloat(LEAKY_RELU_ALPHA)})`;
    case 'elu':
      return 'nn.ELU()';
    case 'sigmoid':
      return 'nn.Sigmoid()';
    case 'tanh':
      return 'nn.Tanh()';
    case 'softmax':
      // Over the channels, the last axis in the app (channels last) and axis 1 here.
      return `nn.Softmax(dim=${imageShaped ? 1 : -1})`;
  }
}

const shape = (s: number[]) => s.join('×');

function modulesFor(l: ExportLayer, name = `l${l.index}_${l.layer.type}`): Module[] {
  const where = `${shape(l.input)} → ${shape(l.output)}${l.params > 0 ? `, ${grouped(l.params)} parameters` : ''}`;
  const withActivation = (main: Module[]): Module[] => {
    const act = activationModule(l.activation, l.output.length === 3);
    return act ? [...main, { name: `${name}_${l.activation}`, code: act }] : main;
  };
  const layer = l.layer;
  switch (layer.type) {
    case 'conv2d': {
      const [h, w, c] = l.input;
      const k = layer.kernelSize;
      const s = layer.strides;
      const conv = (padding: string) => `nn.Conv2d(${c}, ${layer.filters}, kernel_size=${k}, stride=${s}, padding=${padding})`;
      if (layer.padding === 'valid') return withActivation([{ name, code: conv('0'), comment: `'valid': ${where}` }]);
      const [top, bottom] = samePadding(h, k, s);
      const [left, right] = samePadding(w, k, s);
      if (top === bottom && left === right) {
        return withActivation([{ name, code: conv(`(${top}, ${left})`), comment: `'same': ${where}` }]);
      }
      return withActivation([
        { name: `${name}_pad`, code: `nn.ZeroPad2d((${left}, ${right}, ${top}, ${bottom}))`, comment: "'same' pads the odd pixel after (right, bottom), as TensorFlow does" },
        { name, code: conv('0'), comment: where },
      ]);
    }
    case 'dense':
      return withActivation([{ name, code: `nn.Linear(${l.input[0]}, ${layer.units})`, comment: where }]);
    case 'maxPool':
    case 'avgPool': {
      const cls = layer.type === 'maxPool' ? 'nn.MaxPool2d' : 'nn.AvgPool2d';
      return [{ name, code: `${cls}(kernel_size=${layer.poolSize}, stride=${layer.strides ?? layer.poolSize})`, comment: `'valid': ${where}` }];
    }
    case 'dropout':
      return [{ name, code: `nn.Dropout(p=${pyFloat(layer.rate)})` }];
    case 'batchNorm': {
      // Keras' and tfjs's defaults: ε = 1e-3 and moving averages kept at 0.99 (PyTorch's momentum is 1 − that).
      const cls = l.input.length === 3 ? `nn.BatchNorm2d(${l.input[2]}` : `nn.BatchNorm1d(${l.input[0]}`;
      return [{ name, code: `${cls}, eps=1e-3, momentum=0.01)`, comment: where }];
    }
    case 'flatten':
      // PyTorch flattens (C, H, W), the app (H, W, C): the same sizes in another order.
      return [{ name, code: 'nn.Flatten()', comment: where }];
    case 'activation': {
      if (l.omitted) return [];
      return [{ name, code: activationModule(l.activation, l.output.length === 3) ?? 'nn.Identity()' }];
    }
    case 'globalAvgPool':
      return [
        { name, code: 'nn.AdaptiveAvgPool2d(1)', comment: where },
        { name: `${name}_flatten`, code: 'nn.Flatten()', comment: "C×1×1 → C, as the app's global average pooling gives" },
      ];
    case 'lrn': {
      // PyTorch divides alpha by the window size n; TensorFlow and the app do not: alpha·n here.
      const n = 2 * layer.depthRadius + 1;
      return [{ name, code: `nn.LocalResponseNorm(${n}, alpha=${pyFloat(layer.alpha * n)}, beta=${pyFloat(layer.beta)}, k=${pyFloat(layer.bias)})`, comment: where }];
    }
    case 'residual':
    case 'inception':
      return [{ name, code: blockCode(layer, l), comment: where }];
  }
}

/** The Python classes a model with blocks needs: a residual block, its zero-padding shortcut, an inception block. */
export const BLOCKS_CODE = `class Residual(nn.Module):
    """The app's residual block: the main path plus the shortcut, then the activation."""

    def __init__(self, main, shortcut, activation):
        super().__init__()
        self.main, self.shortcut, self.activation = main, shortcut, activation

    def forward(self, x):
        return self.activation(self.main(x) + self.shortcut(x))


class ZeroPadShortcut(nn.Module):
    """ResNet's option A: every stride-th pixel, then zero channels appended (no parameters)."""

    def __init__(self, stride, extra_channels):
        super().__init__()
        self.stride, self.extra_channels = stride, extra_channels

    def forward(self, x):
        x = x[:, :, ::self.stride, ::self.stride]
        return nn.functional.pad(x, (0, 0, 0, 0, 0, self.extra_channels))


class Inception(nn.Module):
    """GoogLeNet's module: four branches side by side, concatenated over the channels (axis 1 here)."""

    def __init__(self, b1x1, b3x3, b5x5, pool):
        super().__init__()
        self.b1x1, self.b3x3, self.b5x5, self.pool = b1x1, b3x3, b5x5, pool

    def forward(self, x):
        return torch.cat([self.b1x1(x), self.b3x3(x), self.b5x5(x), self.pool(x)], dim=1)`;

const sequential = (modules: Module[], indent: string) =>
  ['nn.Sequential(OrderedDict([', ...modules.map((m) => `${indent}    ("${m.name}", ${m.code}),${m.comment ? `  # ${m.comment}` : ''}`), `${indent}]))`].join('\n');

/** A conv inside a block, as modulesFor writes a spec conv (with its 'same' padding worked out). */
function innerConv(name: string, filters: number, kernelSize: number, strides: number, activation: Activation, input: number[], output: number[]): Module[] {
  const conv: LayerSpec = { type: 'conv2d', filters, kernelSize, strides, padding: 'same', activation };
  return modulesFor({ index: -1, layer: conv, input, output, activation, omitted: false, params: 0 }, name);
}

/** A block as nested modules; the names match the app's tfjs layers (l3_residual_m0_conv2d is model.l3_residual.main.m0_conv2d). */
function blockCode(block: BlockSpec, l: ExportLayer): string {
  const indent = '        ';
  const act = activationModule(block.activation, true) ?? 'nn.Identity()';
  const [h, w, c] = l.input;
  if (block.type === 'residual') {
    let input = l.input;
    const main = block.layers.flatMap((layer, j) => {
      const output = l.inner![j].output!;
      const activation: Activation = layer.type === 'batchNorm' ? 'linear' : layer.activation;
      const modules = modulesFor({ index: -1, layer, input, output, activation, omitted: false, params: 0 }, `m${j}_${layer.type}`);
      input = output;
      return modules;
    });
    const stride = block.layers.reduce((s, layer) => s * (layer.type === 'conv2d' ? layer.strides : 1), 1);
    const channels = l.output[2];
    const shortcut =
      block.shortcut === 'identity'
        ? 'nn.Identity()'
        : block.shortcut === 'projection'
          ? `nn.Conv2d(${c}, ${channels}, kernel_size=1, stride=${stride})`
          : `ZeroPadShortcut(${stride}, ${channels - c})`;
    return `Residual(\n${indent}    ${sequential(main, `${indent}    `)},\n${indent}    ${shortcut},\n${indent}    ${act},\n${indent})`;
  }
  const a = block.activation;
  const out = (n: number) => [h, w, n];
  const b1 = innerConv('conv1x1', block.conv1x1, 1, 1, a, l.input, out(block.conv1x1));
  const b3 = [...innerConv('reduce', block.reduce3x3, 1, 1, a, l.input, out(block.reduce3x3)), ...innerConv('conv3x3', block.conv3x3, 3, 1, a, out(block.reduce3x3), out(block.conv3x3))];
  const b5 = [...innerConv('reduce', block.reduce5x5, 1, 1, a, l.input, out(block.reduce5x5)), ...innerConv('conv5x5', block.conv5x5, 5, 1, a, out(block.reduce5x5), out(block.conv5x5))];
  // TensorFlow's 'same' max pool ignores the padding; PyTorch pads a max pool with −∞, the same thing.
  const pool = [{ name: 'pool', code: 'nn.MaxPool2d(3, stride=1, padding=1)' }, ...innerConv('proj', block.poolProj, 1, 1, a, l.input, out(block.poolProj))];
  const branches = [b1, b3, b5, pool].map((m) => `${indent}    ${sequential(m, `${indent}    `)},`);
  return `Inception(\n${branches.join('\n')}\n${indent})`;
}

/** Every conv inside a block with its module path and initialiser, as the app's build gives it (blocks.ts). */
function blockConvs(e: Experiment, l: ExportLayer): { path: string; init: KernelInit }[] {
  const block = l.layer as BlockSpec;
  const base = `l${l.index}_${block.type}`;
  const init = (a: Activation) => innerKernelInit(e, a);
  if (block.type === 'residual') {
    return [
      ...block.layers.flatMap((layer, j) => (layer.type === 'conv2d' ? [{ path: `${base}.main.m${j}_conv2d`, init: init(layer.activation) }] : [])),
      ...(block.shortcut === 'projection' ? [{ path: `${base}.shortcut`, init: init('linear') }] : []),
    ];
  }
  const a = init(block.activation);
  return ['b1x1.conv1x1', 'b3x3.reduce', 'b3x3.conv3x3', 'b5x5.reduce', 'b5x5.conv5x5', 'pool.proj'].map((p) => ({ path: `${base}.${p}`, init: a }));
}

/** Every kernel's initialiser in the model, by module path. */
function kernelInits(e: Experiment, l: ExportLayer): { path: string; init: KernelInit }[] {
  if (l.layer.type === 'residual' || l.layer.type === 'inception') return blockConvs(e, l);
  if (l.layer.type !== 'conv2d' && l.layer.type !== 'dense') return [];
  return [{ path: `l${l.index}_${l.layer.type}`, init: kernelInitOf(e, l) }];
}

/** Whether any kernel starts from He-normal, so the script needs he_normal_. */
export function usesHeNormal(e: Experiment): boolean {
  return e.layers.some((l) => kernelInits(e, l).some((k) => k.init === 'heNormal'));
}

function initLines(e: Experiment, l: ExportLayer): string[] {
  return kernelInits(e, l).flatMap(({ path, init }) => [torchInitLine(init, `model.${path}.weight`), `nn.init.zeros_(model.${path}.bias)`]);
}

export const HE_NORMAL_CODE = `def he_normal_(weight):
    """tfjs's heNormal: a normal distribution cut at ±2σ with σ = √(2 / fan_in), fan_in = inputs per unit."""
    std = math.sqrt(2.0 / weight[0].numel())
    nn.init.trunc_normal_(weight, std=std, a=-2 * std, b=2 * std)`;

export function torchModelCode(e: Experiment): string {
  const modules = e.layers.flatMap((l) => modulesFor(l));
  const entries = modules.map((m) => `        ("${m.name}", ${m.code}),${m.comment ? `  # ${m.comment}` : ''}`);
  const logitsNote = endsWithSoftmax(e.spec)
    ? ['    # The final softmax is left out, as in the app: the model outputs logits and the loss applies softmax.']
    : [];
  return [
    'def build_model():',
    '    """The app\'s layers in the app\'s order. Tensors here are (N, C, H, W); shapes in comments are the app\'s H×W×C."""',
    ...logitsNote,
    '    model = nn.Sequential(OrderedDict([',
    ...entries,
    '    ]))',
    `    # The app's initialisers: ${describeInit(e.config.init)}; zero biases.`,
    '    with torch.no_grad():',
    ...e.layers.flatMap((l) => initLines(e, l)).map((line) => `        ${line}`),
    '    return model',
  ].join('\n');
}
