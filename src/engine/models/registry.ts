import * as tf from '@tensorflow/tfjs';
import type { KeptModelInfo } from './types';
import type { ModelStorage } from './storage';

// The trained models of runs, by run id. The session asks this registry for a run's model and never holds
// one itself. Models stay in the worker's memory up to a budget; past it the least recently used one is
// unloaded (it stays in storage and is loaded again when asked for), and the UI is told which.

export interface KeptMeta {
  epoch: number | null;
  source: KeptModelInfo['source'];
}

interface Loaded {
  model: tf.LayersModel;
  bytes: number;
  lastUsed: number;
}

const DEFAULT_MEMORY_BYTES = 256 * 2 ** 20;

export class ModelRegistry {
  private readonly loaded = new Map<string, Loaded>();
  private readonly meta = new Map<string, KeptMeta>();
  private clock = 0;

  constructor(
    private readonly storage: ModelStorage,
    private readonly memoryBytes = DEFAULT_MEMORY_BYTES,
  ) {}

  /**
   * Keeps `model` as run `runId`'s (the registry owns it from now on) and saves it. Returns the ids of
   * models unloaded from memory to make room.
   */
  async keep(runId: string, model: tf.LayersModel, meta: KeptMeta): Promise<string[]> {
    this.drop(runId);
    const bytes = model.countParams() * 4;
    this.loaded.set(runId, { model, bytes, lastUsed: ++this.clock });
    this.meta.set(runId, meta);
    await this.storage.save(runId, model);
    return this.evict(runId);
  }

  /** Run `runId`'s model, loaded from storage when not in memory; null when there is none. */
  async get(runId: string): Promise<tf.LayersModel | null> {
    const hit = this.loaded.get(runId);
    if (hit) {
      hit.lastUsed = ++this.clock;
      return hit.model;
    }
    const model = await this.storage.load(runId);
    if (!model) return null;
    this.loaded.set(runId, { model, bytes: model.countParams() * 4, lastUsed: ++this.clock });
    this.evict(runId);
    return model;
  }

  async remove(runId: string): Promise<void> {
    this.drop(runId);
    this.meta.delete(runId);
    await this.storage.remove(runId);
  }

  /** Every stored model, with whether it is in memory and its size in storage. */
  async list(): Promise<KeptModelInfo[]> {
    const sizes = await this.storage.sizes();
    return [...sizes].map(([runId, bytes]) => ({
      runId,
      bytes,
      loaded: this.loaded.has(runId),
      epoch: this.meta.get(runId)?.epoch ?? null,
      source: this.meta.get(runId)?.source ?? 'last',
    }));
  }

  /** Tensors the models in memory hold: not a leak, so the session's leak check leaves them out. */
  tensorCount(): number {
    let n = 0;
    for (const { model } of this.loaded.values()) n += model.weights.length;
    return n;
  }

  private drop(runId: string): void {
    const hit = this.loaded.get(runId);
    if (!hit) return;
    hit.model.dispose();
    this.loaded.delete(runId);
  }

  /** Unloads least recently used models (never `keep`) until the rest fit the memory budget. */
  private evict(keep: string): string[] {
    const unloaded: string[] = [];
    const total = () => [...this.loaded.values()].reduce((sum, l) => sum + l.bytes, 0);
    while (total() > this.memoryBytes && this.loaded.size > 1) {
      const [oldest] = [...this.loaded].filter(([id]) => id !== keep).sort((a, b) => a[1].lastUsed - b[1].lastUsed)[0];
      this.drop(oldest);
      unloaded.push(oldest);
    }
    return unloaded;
  }
}
