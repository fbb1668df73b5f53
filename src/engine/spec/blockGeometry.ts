import { formatShape } from './issues.ts';
import { text, type IssueText } from './messages.ts';
import { inferLayer, needsImage, passThrough, result, type InnerGeometry, type LayerGeometry, type LayerProblem } from './geometry.ts';
import type { LooseInception, LooseResidual } from './lenient.ts';

// Shapes, parameters and multiply-adds of residual and inception blocks, by arithmetic alone like the
// layers' (geometry.ts). A block reports its output and totals like a layer, and lists its inner layers
// so the builder can show each one's shape and cost.

/** A k×k convolution with bias from `cin` to `cout` channels, producing an h×w map. */
function conv(part: IssueText, type: string, k: number, cin: number, cout: number, h: number, w: number): InnerGeometry {
  const params = k * k * cin * cout + cout;
  return { part, type, output: [h, w, cout], params, trainableParams: params, macs: h * w * cout * k * k * cin };
}

function sum(inner: InnerGeometry[], key: 'params' | 'trainableParams' | 'macs'): number {
  return inner.reduce((s, l) => s + l[key], 0);
}

/**
 * The shortcut's output for a main path of total stride `stride` ending in `channels` channels:
 * the size ⌈h / stride⌉ that a 1×1 convolution or a subsampling with that stride gives.
 */
export function shortcutShape(input: number[], stride: number, channels: number): number[] {
  return [Math.ceil(input[0] / stride), Math.ceil(input[1] / stride), channels];
}

export function residualGeometry(block: LooseResidual, input: number[]): LayerGeometry {
  if (input.length !== 3) return passThrough(input, [needsImage(input)]);
  const inner: InnerGeometry[] = [];
  const problems: LayerProblem[] = [];
  let shape: number[] | null = input;
  let exact = true;
  let stride = 1;
  block.layers.forEach((layer, j) => {
    const part = layer ? text('mainLayer', { n: j + 1, type: layer.type }) : text('mainLayerUntyped', { n: j + 1 });
    if (layer === null) {
      // Its schema issue names it; the rest of the path is still worked out from the last good shape.
      exact = false;
      inner.push({ part, type: 'unknown', output: null, params: 0, trainableParams: 0, macs: 0 });
      return;
    }
    const g = inferLayer(layer, shape);
    problems.push(...g.problems.map((p) => ({ ...p, part })));
    exact = exact && g.exact;
    if (layer.type === 'conv2d') stride *= layer.strides ?? 1;
    shape = g.next;
    inner.push({ part, type: layer.type, output: g.output, params: g.params, trainableParams: g.trainableParams, macs: g.macs });
  });
  const main = shape as number[] | null;
  if (!exact || main === null || block.shortcut === undefined || block.layers.length === 0) {
    return { ...passThrough(input, problems), inner };
  }

  const shortcutPart = text('shortcut');
  const c = input[2];
  const channels = main[2];
  let shortcut: InnerGeometry;
  if (block.shortcut === 'identity') {
    shortcut = { part: shortcutPart, type: 'identity', output: [...input], params: 0, trainableParams: 0, macs: 0 };
    if (formatShape(main) !== formatShape(input)) {
      problems.push({ problem: text('identityMismatch', { main: formatShape(main), input: formatShape(input) }), field: 'shortcut', part: shortcutPart });
    }
  } else {
    const out = shortcutShape(input, stride, channels);
    shortcut =
      block.shortcut === 'projection'
        ? conv(shortcutPart, 'conv1x1', 1, c, channels, out[0], out[1])
        : { part: shortcutPart, type: 'zeroPad', output: out, params: 0, trainableParams: 0, macs: 0 };
    if (block.shortcut === 'zeroPad' && channels < c) {
      problems.push({ problem: text('zeroPadFewer', { main: channels, input: c }), field: 'shortcut', part: shortcutPart });
    } else if (out[0] !== main[0] || out[1] !== main[1]) {
      problems.push({ problem: text('shortcutSize', { main: formatShape(main), shortcut: formatShape(out) }), field: 'shortcut', part: shortcutPart });
    }
  }
  inner.push(shortcut);
  if (problems.length > 0) return { ...passThrough(input, problems), inner };
  inner.push({ part: text('blockOutput'), type: 'add', output: [...main], params: 0, trainableParams: 0, macs: 0 });
  return { ...result([...main], { params: sum(inner, 'params'), trainableParams: sum(inner, 'trainableParams'), macs: sum(inner, 'macs') }), inner };
}

export function inceptionGeometry(block: LooseInception, input: number[]): LayerGeometry {
  if (input.length !== 3) return passThrough(input, [needsImage(input)]);
  const { conv1x1, reduce3x3, conv3x3, reduce5x5, conv5x5, poolProj } = block;
  if (conv1x1 === undefined || reduce3x3 === undefined || conv3x3 === undefined || reduce5x5 === undefined || conv5x5 === undefined || poolProj === undefined) {
    return passThrough(input);
  }
  const [h, w, c] = input;
  const b1 = text('branch1x1');
  const b3 = text('branch3x3');
  const b5 = text('branch5x5');
  const bp = text('branchPool');
  // Every branch keeps h×w ('same', stride 1), so only the channels add up.
  const inner: InnerGeometry[] = [
    conv(b1, 'conv1x1', 1, c, conv1x1, h, w),
    conv(b3, 'conv1x1', 1, c, reduce3x3, h, w),
    conv(b3, 'conv3x3', 3, reduce3x3, conv3x3, h, w),
    conv(b5, 'conv1x1', 1, c, reduce5x5, h, w),
    conv(b5, 'conv5x5', 5, reduce5x5, conv5x5, h, w),
    { part: bp, type: 'maxPool3x3', output: [h, w, c], params: 0, trainableParams: 0, macs: 0 },
    conv(bp, 'conv1x1', 1, c, poolProj, h, w),
  ];
  const out = [h, w, conv1x1 + conv3x3 + conv5x5 + poolProj];
  inner.push({ part: text('blockOutput'), type: 'concat', output: out, params: 0, trainableParams: 0, macs: 0 });
  return { ...result(out, { params: sum(inner, 'params'), trainableParams: sum(inner, 'trainableParams'), macs: sum(inner, 'macs') }), inner };
}
