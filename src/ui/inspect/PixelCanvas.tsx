import { useEffect, useRef, type MouseEvent } from 'react';
import { schedulePaint } from './paintQueue';

// A small image drawn with putImageData at one canvas pixel per value and enlarged by CSS with
// image-rendering: pixelated, so each value stays a sharp square. Drawing happens in an effect, never in
// render, and only when `paint` changes: callers memoise it (or pass stable data) so a re-render is free.
// The paint itself waits in the shared paint queue, so that hundreds of canvases mounted in one commit are
// painted over several short tasks. willReadFrequently keeps the canvas in software: putImageData into a
// GPU canvas costs an upload per canvas, and these images are a few dozen pixels across.

interface PixelCanvasProps {
  width: number;
  height: number;
  /** Fills the RGBA buffer (width × height × 4, alpha already 255). */
  paint: (rgba: Uint8ClampedArray) => void;
  /** CSS pixels per value. */
  scale: number;
  /** CSS pixels per row when it differs from `scale` (bars: wide for few units, never tall). */
  scaleY?: number;
  title?: string;
  testId?: string;
  /** Called with the clicked value's row and column. */
  onPick?: (y: number, x: number) => void;
}

export function PixelCanvas({ width, height, paint, scale, scaleY, title, testId, onPick }: PixelCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(
    () =>
      schedulePaint(() => {
        const ctx = ref.current?.getContext('2d', { willReadFrequently: true });
        if (!ctx) return;
        const image = ctx.createImageData(width, height);
        image.data.fill(255);
        paint(image.data);
        ctx.putImageData(image, 0, 0);
      }),
    [width, height, paint],
  );

  const pick = (e: MouseEvent<HTMLCanvasElement>) => {
    if (!onPick) return;
    const rect = e.currentTarget.getBoundingClientRect();
    const x = Math.floor(((e.clientX - rect.left) / rect.width) * width);
    const y = Math.floor(((e.clientY - rect.top) / rect.height) * height);
    onPick(Math.min(height - 1, Math.max(0, y)), Math.min(width - 1, Math.max(0, x)));
  };

  return (
    <canvas
      ref={ref}
      className={`pixel-canvas${onPick ? ' pickable' : ''}`}
      width={width}
      height={height}
      style={{ width: width * scale, height: height * (scaleY ?? scale) }}
      title={title}
      data-testid={testId}
      onClick={onPick ? pick : undefined}
    />
  );
}

/** Writes one RGB triple at pixel i of an RGBA buffer. */
export function setPixel(rgba: Uint8ClampedArray, i: number, [r, g, b]: [number, number, number]) {
  rgba[i * 4] = r;
  rgba[i * 4 + 1] = g;
  rgba[i * 4 + 2] = b;
}
