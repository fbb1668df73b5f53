import { z } from 'zod';
import type { ModelSpec } from './spec/layers';

// What backend calibration found, and remembering it per machine and model. No tfjs here: the main
// thread reads and stores results while the timing itself (calibrate.ts) runs in the worker.

export interface BackendTiming {
  backend: string;
  /** Training images per second after warm-up; null when the backend could not train. */
  imagesPerSec: number | null;
  /** Why the backend could not train, when it could not. */
  error: string | null;
  /** Timed steps actually run (fewer than asked when the time budget ran out). */
  steps: number;
}

export interface CalibrationResult {
  timings: BackendTiming[];
  /** The fastest backend that trained, or null when none did. */
  best: string | null;
  batchSize: number;
  /** Date.now() when measured. */
  measuredAt: number;
  /**
   * Backends not timed because a training run was started meanwhile: the run does not wait for the whole
   * calibration (absent when every backend was timed). Such a result is not remembered.
   */
  skipped?: string[];
}

export interface CalibrationProgress {
  backend: string;
  /** 0-based position of `backend` among those being timed. */
  index: number;
  count: number;
}

export interface CalibrationOptions {
  batchSize: number;
  /** Steps run first and not timed: they include kernel compilation, weight upload and slot creation. */
  warmupSteps?: number;
  timedSteps?: number;
  /** The timed run stops early after this much training time, so a slow backend costs seconds, not minutes. */
  maxTimedMs?: number;
}

export const DEFAULT_CALIBRATION = { warmupSteps: 2, timedSteps: 5, maxTimedMs: 3000 } as const;

/** The fastest backend that trained; ties go to the earlier one. */
export function pickFastest(timings: readonly BackendTiming[]): string | null {
  let best: BackendTiming | null = null;
  for (const t of timings) {
    if (t.imagesPerSec === null || !(t.imagesPerSec > 0)) continue;
    if (!best || t.imagesPerSec > best.imagesPerSec!) best = t;
  }
  return best?.backend ?? null;
}

// The key names what decides the figures: the machine (cores, GPU renderer, browser) and the model's
// shape, so a reload skips calibration.

export interface MachineParts {
  cores: number;
  renderer: string | null;
  userAgent: string;
}

/** 32-bit FNV-1a as 8 hex digits: short, stable keys for long strings. */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

export function machineFingerprint(parts: MachineParts): string {
  return shortHash(`${parts.cores}|${parts.renderer ?? 'no-webgl'}|${parts.userAgent}`);
}

/** The model's shape: input and layers; the number of classes is the last layer's size. */
export function modelShapeKey(spec: ModelSpec): string {
  return shortHash(JSON.stringify({ input: spec.inputShape, layers: spec.layers }));
}

export function calibrationKey(parts: MachineParts, spec: ModelSpec): string {
  return `calibration:${machineFingerprint(parts)}:${modelShapeKey(spec)}`;
}

const timingSchema = z.strictObject({
  backend: z.string(),
  imagesPerSec: z.number().positive().nullable(),
  error: z.string().nullable(),
  steps: z.number().int().min(0),
});

export const storedCalibrationSchema = z.strictObject({
  result: z.strictObject({
    timings: z.array(timingSchema),
    best: z.string().nullable(),
    batchSize: z.number().int().positive(),
    measuredAt: z.number(),
  }),
  /** A backend the user chose by hand over the fastest one. */
  override: z.string().nullable(),
});
export type StoredCalibration = z.infer<typeof storedCalibrationSchema>;

export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

/** The remembered calibration, or null when there is none or it is unreadable (then it is measured again). */
export function loadCalibration(store: KeyValueStore, key: string): StoredCalibration | null {
  const text = store.getItem(key);
  if (text === null) return null;
  try {
    const parsed = storedCalibrationSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveCalibration(store: KeyValueStore, key: string, value: StoredCalibration): void {
  store.setItem(key, JSON.stringify(storedCalibrationSchema.parse(value)));
}
