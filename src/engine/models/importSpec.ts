import { LEAKY_RELU_ALPHA } from '../model/build';
import { ACTIVATIONS, type Activation, type LayerSpec, type ModelSpec } from '../spec/layers';

// A TF.js Layers model.json read back as the app's model spec, so an imported model can be evaluated,
// drawn on and trained further like one built here. Only Sequential models of the layers the builder has
// can be read; anything else gets a message that names the layer.

interface LayerJson {
  class_name?: unknown;
  config?: Record<string, unknown>;
}

export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

const first = (v: unknown): number | undefined => (Array.isArray(v) ? Number(v[0]) : typeof v === 'number' ? v : undefined);

function square(v: unknown, what: string, where: string): number {
  if (Array.isArray(v) && v.length === 2 && v[0] !== v[1]) throw new ImportError(`${where}: a ${v[0]}×${v[1]} ${what} is not square, and the builder has square ones only`);
  const n = first(v);
  if (n === undefined || !Number.isInteger(n) || n < 1) throw new ImportError(`${where}: its ${what} is missing`);
  return n;
}

function activationOf(v: unknown, where: string): Activation {
  const name = v === undefined || v === null ? 'linear' : String(v);
  if (!(ACTIVATIONS as readonly string[]).includes(name)) throw new ImportError(`${where}: the activation "${name}" is not one the builder has (${ACTIVATIONS.join(', ')})`);
  return name as Activation;
}

/** The model spec of a Sequential topology; throws ImportError saying what does not fit. */
export function specFromTopology(topology: unknown): ModelSpec {
  const t = topology as { class_name?: unknown; config?: { layers?: unknown } } | null;
  if (!t || typeof t !== 'object') throw new ImportError('model.json has no model topology: is it a TF.js Layers model?');
  if (t.class_name !== 'Sequential') throw new ImportError(`only Sequential models can be imported, and this one is a ${String(t.class_name)}`);
  const raw = (Array.isArray(t.config?.layers) ? t.config.layers : []) as LayerJson[];
  if (raw.length === 0) throw new ImportError('model.json lists no layers');

  let inputShape: number[] | null = null;
  const layers: LayerSpec[] = [];
  raw.forEach((layer, i) => {
    const c = layer.config ?? {};
    const where = `layer ${i + 1} (${String(layer.class_name)})`;
    const batchShape = c.batch_input_shape as unknown[] | undefined;
    if (!inputShape && Array.isArray(batchShape)) inputShape = batchShape.slice(1).map(Number);
    const previous = layers[layers.length - 1];
    switch (layer.class_name) {
      case 'InputLayer':
        return;
      case 'Conv2D':
        layers.push({
          type: 'conv2d',
          filters: Number(c.filters),
          kernelSize: square(c.kernel_size, 'kernel', where),
          strides: square(c.strides ?? 1, 'stride', where),
          padding: c.padding === 'same' ? 'same' : 'valid',
          activation: activationOf(c.activation, where),
        });
        return;
      case 'Dense':
        layers.push({ type: 'dense', units: Number(c.units), activation: activationOf(c.activation, where) });
        return;
      case 'MaxPooling2D':
      case 'AveragePooling2D': {
        if (c.padding === 'same') throw new ImportError(`${where}: pooling with 'same' padding is not one the builder has`);
        const poolSize = square(c.pool_size, 'pool size', where);
        const strides = c.strides === null || c.strides === undefined ? poolSize : square(c.strides, 'stride', where);
        layers.push({ type: layer.class_name === 'MaxPooling2D' ? 'maxPool' : 'avgPool', poolSize, strides });
        return;
      }
      case 'Dropout':
        layers.push({ type: 'dropout', rate: Number(c.rate) });
        return;
      case 'BatchNormalization':
        layers.push({ type: 'batchNorm' });
        return;
      case 'Flatten':
        layers.push({ type: 'flatten' });
        return;
      case 'LeakyReLU': {
        if (Math.abs(Number(c.alpha) - LEAKY_RELU_ALPHA) > 1e-6) throw new ImportError(`${where}: a leaky ReLU slope of ${c.alpha}; the builder's is ${LEAKY_RELU_ALPHA}`);
        // The builder makes a conv or dense with leakyRelu as the layer followed by a LeakyReLU layer.
        if (previous && (previous.type === 'conv2d' || previous.type === 'dense') && previous.activation === 'linear') previous.activation = 'leakyRelu';
        else layers.push({ type: 'activation', activation: 'leakyRelu' });
        return;
      }
      case 'Activation': {
        const activation = activationOf(c.activation, where);
        // A softmax after a linear dense is how the app exports a model: read back as the dense's softmax.
        if (activation !== 'linear' && previous?.type === 'dense' && previous.activation === 'linear' && i === raw.length - 1) previous.activation = activation;
        else layers.push({ type: 'activation', activation });
        return;
      }
      default:
        throw new ImportError(`${where} is not a layer the builder has`);
    }
  });
  if (!inputShape || (inputShape as number[]).length !== 3) throw new ImportError('the first layer does not say its input shape (height, width, channels)');
  return { inputShape: inputShape as [number, number, number], layers };
}
