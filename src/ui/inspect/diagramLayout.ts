import type { ModelAnalysis } from '../../engine/spec/analyze';

// Where the network diagram draws each block. Pure, so the diagram follows the builder with no state of its
// own. Height grows with the spatial size (linear: a 28×28 map is twice a 14×14 one); depth with log2 of the
// channels, so 1 and 1024 channels both fit; flat layers are thin bars whose height grows with log10 of units.

export interface DiagramBlock {
  /** Spec layer index, or -1 for the input. */
  layer: number;
  type: string;
  shape: number[] | null;
  params: number;
  /** Left edge of the block's column, and the column's width (room for the labels). */
  x: number;
  column: number;
  /** Front face size and the receding depth of the 3-D box (0 for flat layers). */
  width: number;
  height: number;
  depth: number;
  flat: boolean;
}

export const MAX_BLOCK_HEIGHT = 110;
const MIN_BLOCK_HEIGHT = 8;
const FLAT_WIDTH = 8;
const COLUMN_MIN = 100;
const GAP = 12;

function spatialOf(shape: number[] | null): number {
  return shape && shape.length === 3 ? Math.max(shape[0], shape[1]) : 0;
}

export function layoutDiagram(analysis: ModelAnalysis): { blocks: DiagramBlock[]; width: number; height: number } {
  const entries = [
    { layer: -1, type: 'input', shape: analysis.inputShape, params: 0 },
    ...analysis.layers.map((l) => ({ layer: l.index, type: l.type, shape: l.outputShape, params: l.params })),
  ];
  const maxSpatial = Math.max(1, ...entries.map((e) => spatialOf(e.shape)));
  let x = 0;
  const blocks = entries.map((e): DiagramBlock => {
    const flat = e.shape !== null && e.shape.length !== 3;
    let width: number;
    let height: number;
    let depth = 0;
    if (e.shape === null) {
      // Unknown shape (a broken layer): a neutral placeholder the diagram draws dashed.
      width = 20;
      height = 40;
    } else if (flat) {
      const units = e.shape.reduce((a, b) => a * b, 1);
      width = FLAT_WIDTH;
      height = Math.min(MAX_BLOCK_HEIGHT, 20 + 22 * Math.log10(Math.max(1, units)));
    } else {
      height = Math.max(MIN_BLOCK_HEIGHT, (spatialOf(e.shape) / maxSpatial) * MAX_BLOCK_HEIGHT);
      width = 6 + 7 * Math.log2(Math.max(1, e.shape[2]));
      // The receding side shows the same channels, foreshortened so deep blocks do not crowd the next one.
      depth = Math.min(18, height * 0.3);
    }
    const column = Math.max(COLUMN_MIN, width + depth + GAP);
    const block = { layer: e.layer, type: e.type, shape: e.shape, params: e.params, x, column, width, height, depth, flat };
    x += column;
    return block;
  });
  return { blocks, width: x, height: MAX_BLOCK_HEIGHT + 20 };
}
