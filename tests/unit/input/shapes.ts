// Small drawings for the input tests: grey canvases (ink = 1 on 0) with known shapes.

export function canvas(width: number, height: number): { width: number; height: number; data: Float32Array } {
  return { width, height, data: new Float32Array(width * height) };
}

export function fillRect(c: ReturnType<typeof canvas>, x: number, y: number, w: number, h: number, value = 1): void {
  for (let j = y; j < y + h; j++) for (let i = x; i < x + w; i++) c.data[j * c.width + i] = value;
}

export function fillDisc(c: ReturnType<typeof canvas>, cx: number, cy: number, r: number): void {
  for (let j = 0; j < c.height; j++) for (let i = 0; i < c.width; i++) if ((i + 0.5 - cx) ** 2 + (j + 0.5 - cy) ** 2 <= r * r) c.data[j * c.width + i] = 1;
}

/** Bounding box of the values above `threshold` in a size×size image. */
export function bounds(data: Float32Array, size: number, threshold = 0) {
  let x0 = size, y0 = size, x1 = -1, y1 = -1;
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) if (data[y * size + x] > threshold) {
    x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
  }
  return { width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

/** RGBA pixels with every pixel set by `colour(x, y)`. */
export function rgba(width: number, height: number, colour: (x: number, y: number) => [number, number, number, number?]) {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
    const [r, g, b, a = 255] = colour(x, y);
    data.set([r, g, b, a], (y * width + x) * 4);
  }
  return { width, height, data };
}
