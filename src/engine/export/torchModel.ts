import type { Activation } from '../spec/layers';
import { endsWithSoftmax, type Experiment, type ExportLayer, LEAKY_RELU_ALPHA, usesHeInit } from './experiment';
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

function modulesFor(l: ExportLayer): Module[] {
  const name = `l${l.index}_${l.layer.type}`;
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
  }
}

function initLines(l: ExportLayer): string[] {
  if (l.layer.type !== 'conv2d' && l.layer.type !== 'dense') return [];
  const m = `model.l${l.index}_${l.layer.type}`;
  const kernel = usesHeInit(l) ? `he_normal_(${m}.weight)` : `nn.init.xavier_uniform_(${m}.weight)  # Glorot uniform`;
  return [kernel, `nn.init.zeros_(${m}.bias)`];
}

export const HE_NORMAL_CODE = `def he_normal_(weight):
    """tfjs's heNormal: a normal distribution cut at ±2σ with σ = √(2 / fan_in), fan_in = inputs per unit."""
    std = math.sqrt(2.0 / weight[0].numel())
    nn.init.trunc_normal_(weight, std=std, a=-2 * std, b=2 * std)`;

export function torchModelCode(e: Experiment): string {
  const modules = e.layers.flatMap(modulesFor);
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
    "    # The app's initialisers: He-normal kernels before relu, leakyRelu and elu, Glorot-uniform otherwise; zero biases.",
    '    with torch.no_grad():',
    ...e.layers.flatMap(initLines).map((line) => `        ${line}`),
    '    return model',
  ].join('\n');
}
