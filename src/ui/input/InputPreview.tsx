import { useEffect, useRef } from 'react';

interface Props {
  /** H×W×C values in [0, 1], exactly what goes to the model; null draws black. */
  pixels: Float32Array | null;
  shape: readonly [number, number, number];
  /** CSS pixels per image pixel. */
  scale: number;
  label: string;
  testId?: string;
}

/**
 * The model's input drawn pixel for pixel and scaled up without smoothing, so the student sees the coarse
 * 28×28 (or 32×32) picture the network gets, not their smooth strokes. Grey is drawn as is: white ink on black.
 */
export function InputPreview({ pixels, shape, scale, label, testId }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [h, w, c] = shape;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d', { willReadFrequently: true });
    if (!ctx) return;
    const image = ctx.createImageData(w, h);
    for (let i = 0; i < w * h; i++) {
      for (let k = 0; k < 3; k++) image.data[i * 4 + k] = pixels ? Math.round(pixels[i * c + (c === 3 ? k : 0)] * 255) : 0;
      image.data[i * 4 + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
  }, [pixels, h, w, c]);
  return (
    <canvas
      ref={ref}
      width={w}
      height={h}
      className="pixelated input-preview"
      role="img"
      aria-label={label}
      data-testid={testId}
      style={{ width: w * scale, height: h * scale }}
    />
  );
}
