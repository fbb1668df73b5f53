import { useCallback, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { frameDigit, MNIST_FRAMING, type Framing } from '../../engine/input/digitFraming';
import { InputPreview } from './InputPreview';

export interface DrawPadProps {
  /** The framed 28×28×1 image, values in [0, 1]; at most once per animation frame while drawing. */
  onInput(pixels: Float32Array): void;
  /** The pad was cleared: there is no drawing to predict any more. */
  onClear?(): void;
  /** How the drawing is framed; MNIST's by default. */
  framing?: Framing;
}

/** Side of the pad in CSS pixels. */
const PAD = 280;
/** Stroke width in CSS pixels: a digit drawn about 200 px tall gets strokes about as thick, for its size, as MNIST's. */
const STROKE = 22;
/**
 * The pad is shrunk to this many pixels by the browser (drawImage, on its fast path) before the framing runs on
 * it in JavaScript: about 12,500 pixels instead of 78,400 (or 4× that on a high-density screen), a millisecond or
 * two per frame. Still 4× the 28×28 result, so the area averaging has detail to average.
 */
const SAMPLE = 112;
const PREVIEW_SCALE = 5;

interface Point {
  x: number;
  y: number;
}

/** A square canvas drawn on with mouse, pen or finger, and beside it the 28×28 image the model gets. */
export function DrawPad({ onInput, onClear, framing = MNIST_FRAMING }: DrawPadProps) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const sampleRef = useRef<HTMLCanvasElement | null>(null);
  const pointer = useRef<{ id: number; last: Point } | null>(null);
  const frame = useRef(0);
  const [preview, setPreview] = useState<Float32Array | null>(null);
  const [empty, setEmpty] = useState(true);
  // The latest callbacks, read when a frame runs, so a parent's new function each render restarts nothing.
  const latest = useRef({ onInput, onClear, framing });
  useEffect(() => {
    latest.current = { onInput, onClear, framing };
  });

  useEffect(() => {
    const canvas = canvasRef.current!;
    const density = Math.min(2, window.devicePixelRatio || 1); // sharp strokes on a high-density screen, bounded cost
    canvas.width = canvas.height = Math.round(PAD * density);
    // Read back every frame: a CPU-backed canvas avoids a GPU readback each time.
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    const sample = document.createElement('canvas');
    sample.width = sample.height = SAMPLE;
    sampleRef.current = sample;
    return () => cancelAnimationFrame(frame.current);
  }, []);

  /** Samples the pad and hands the framed image on; runs in an animation frame, so at most once per frame. */
  const update = useCallback(() => {
    frame.current = 0;
    const canvas = canvasRef.current;
    const sample = sampleRef.current?.getContext('2d', { willReadFrequently: true });
    if (!canvas || !sample) return;
    sample.imageSmoothingEnabled = true;
    sample.imageSmoothingQuality = 'high';
    sample.drawImage(canvas, 0, 0, SAMPLE, SAMPLE);
    const rgba = sample.getImageData(0, 0, SAMPLE, SAMPLE).data;
    // White on black: the red channel is the grey level.
    const grey = new Uint8ClampedArray(SAMPLE * SAMPLE);
    for (let i = 0; i < grey.length; i++) grey[i] = rgba[i * 4];
    const pixels = frameDigit({ width: SAMPLE, height: SAMPLE, data: grey }, latest.current.framing);
    setPreview(pixels);
    if (pixels) latest.current.onInput(pixels);
  }, []);

  const schedule = useCallback(() => {
    if (frame.current === 0) frame.current = requestAnimationFrame(update);
  }, [update]);

  const toCanvas = (e: PointerEvent | ReactPointerEvent): Point => {
    const canvas = canvasRef.current!;
    const rect = canvas.getBoundingClientRect();
    return { x: ((e.clientX - rect.left) * canvas.width) / rect.width, y: ((e.clientY - rect.top) * canvas.height) / rect.height };
  };

  /** Pen pressure thickens or thins the stroke; a mouse or finger reports no real pressure, so theirs stays even. */
  const width = (e: PointerEvent | ReactPointerEvent) => {
    const canvas = canvasRef.current!;
    const base = (STROKE * canvas.width) / PAD;
    return e.pointerType === 'pen' && e.pressure > 0 ? base * (0.5 + e.pressure) : base;
  };

  const segment = (from: Point, to: Point, lineWidth: number) => {
    const ctx = canvasRef.current!.getContext('2d', { willReadFrequently: true })!;
    ctx.strokeStyle = '#fff';
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.lineWidth = lineWidth;
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y); // a zero-length line with round caps is a dot: a tap draws one
    ctx.stroke();
  };

  const onPointerDown = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    if (pointer.current || (e.pointerType === 'mouse' && e.button !== 0)) return; // one stroke at a time, left button
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId); // keep the stroke when the pointer leaves the pad mid-line
    const at = toCanvas(e);
    pointer.current = { id: e.pointerId, last: at };
    segment(at, at, width(e));
    setEmpty(false);
    schedule();
  };

  const onPointerMove = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    const active = pointer.current;
    if (!active || active.id !== e.pointerId) return;
    // The browser merges fast moves into one event per frame; the merged ones keep a quick curve round.
    const events = e.nativeEvent.getCoalescedEvents?.() ?? [];
    for (const ev of events.length ? events : [e.nativeEvent]) {
      const at = toCanvas(ev);
      segment(active.last, at, width(ev));
      active.last = at;
    }
    schedule();
  };

  const onPointerEnd = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    if (pointer.current?.id !== e.pointerId) return;
    pointer.current = null;
    schedule();
  };

  const clear = () => {
    const canvas = canvasRef.current!;
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    cancelAnimationFrame(frame.current);
    frame.current = 0;
    pointer.current = null;
    setPreview(null);
    setEmpty(true);
    latest.current.onClear?.();
  };

  return (
    <div className="draw-pad-area">
      <div className="draw-pad" data-testid="draw-pad" style={{ width: PAD, height: PAD }}>
        <canvas
          ref={canvasRef}
          aria-label={t('drawPad.canvas')}
          style={{ width: PAD, height: PAD }}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerEnd}
          onPointerCancel={onPointerEnd}
          onLostPointerCapture={onPointerEnd}
        />
        {empty ? <p className="draw-pad-hint">{t('drawPad.hint')}</p> : null}
      </div>
      <div className="draw-pad-side">
        <figure>
          <InputPreview pixels={preview} shape={[framing.size, framing.size, 1]} scale={PREVIEW_SCALE} label={t('drawPad.modelSees')} testId="draw-pad-model-input" />
          <figcaption className="muted">{t('drawPad.modelSees')}</figcaption>
        </figure>
        <button type="button" data-testid="draw-pad-clear" disabled={empty} onClick={clear}>
          {t('drawPad.clear')}
        </button>
      </div>
    </div>
  );
}
