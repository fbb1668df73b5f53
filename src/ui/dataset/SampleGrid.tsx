import { useEffect, useRef } from 'react';

interface Props {
  images: Uint8Array;
  shape: [number, number, number];
  /** Images per row; rows are drawn top to bottom. */
  columns: number;
  scale?: number;
  testId?: string;
  /** Extra pixels after the first column: sets an original apart from its variants. */
  firstColumnGap?: number;
}

/** Draws uint8 H×W×C images into one canvas: one putImageData, no per-image elements. */
export function SampleGrid({ images, shape, columns, scale = 2, testId, firstColumnGap = 0 }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [h, w, c] = shape;
  const size = h * w * c;
  const count = Math.floor(images.length / size);
  const rows = Math.ceil(count / columns);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || count === 0) return;
    const gap = 1;
    const full = ctx.createImageData(columns * (w + gap) + firstColumnGap, rows * (h + gap));
    full.data.fill(255);
    for (let n = 0; n < count; n++) {
      const ox = (n % columns) * (w + gap) + (n % columns > 0 ? firstColumnGap : 0);
      const oy = Math.floor(n / columns) * (h + gap);
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const src = n * size + (y * w + x) * c;
          const dst = ((oy + y) * full.width + ox + x) * 4;
          if (c === 1) {
            const v = 255 - images[src]; // dark strokes on light paper, as the digits were written
            full.data[dst] = full.data[dst + 1] = full.data[dst + 2] = v;
          } else {
            full.data[dst] = images[src];
            full.data[dst + 1] = images[src + 1];
            full.data[dst + 2] = images[src + 2];
          }
          full.data[dst + 3] = 255;
        }
      }
    }
    canvas.width = full.width;
    canvas.height = full.height;
    ctx.putImageData(full, 0, 0);
  }, [images, h, w, c, size, count, columns, rows, firstColumnGap]);
  return (
    <canvas
      ref={ref}
      className="pixelated"
      data-testid={testId}
      style={{ width: (columns * (w + 1) + firstColumnGap) * scale, height: rows * (h + 1) * scale }}
    />
  );
}
