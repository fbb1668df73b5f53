import * as tf from '@tensorflow/tfjs';

// Where kept models live beyond the worker's memory. In the browser (and its worker) that is IndexedDB
// through tfjs's own handler, so a model survives a reload; in Node, where IndexedDB does not exist, the
// same artifacts are kept in a Map for the page's (process's) lifetime.

export interface ModelStorage {
  save(id: string, model: tf.LayersModel): Promise<number>;
  load(id: string): Promise<tf.LayersModel | null>;
  remove(id: string): Promise<void>;
  /** Bytes of weights by id, for every stored model. */
  sizes(): Promise<Map<string, number>>;
}

const PREFIX = 'cnn-run-';

export class IndexedDbModelStorage implements ModelStorage {
  private url = (id: string) => `indexeddb://${PREFIX}${id}`;

  async save(id: string, model: tf.LayersModel): Promise<number> {
    const result = await model.save(this.url(id));
    return result.modelArtifactsInfo.weightDataBytes ?? 0;
  }

  async load(id: string): Promise<tf.LayersModel | null> {
    const sizes = await this.sizes();
    if (!sizes.has(id)) return null;
    return tf.loadLayersModel(this.url(id));
  }

  async remove(id: string): Promise<void> {
    const sizes = await this.sizes();
    if (sizes.has(id)) await tf.io.removeModel(this.url(id));
  }

  async sizes(): Promise<Map<string, number>> {
    const all = await tf.io.listModels();
    const out = new Map<string, number>();
    for (const [url, info] of Object.entries(all)) {
      const name = url.replace(/^indexeddb:\/\//, '');
      if (name.startsWith(PREFIX)) out.set(name.slice(PREFIX.length), info.weightDataBytes ?? 0);
    }
    return out;
  }
}

/** The same artifacts tfjs would write to IndexedDB, held in memory: the storage where none persists. */
export class MemoryModelStorage implements ModelStorage {
  private readonly artifacts = new Map<string, tf.io.ModelArtifacts>();

  async save(id: string, model: tf.LayersModel): Promise<number> {
    let bytes = 0;
    await model.save(
      tf.io.withSaveHandler(async (a) => {
        this.artifacts.set(id, a);
        bytes = a.weightData ? tf.io.CompositeArrayBuffer.join(a.weightData).byteLength : 0;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: bytes } };
      }),
    );
    return bytes;
  }

  async load(id: string): Promise<tf.LayersModel | null> {
    const a = this.artifacts.get(id);
    return a ? tf.loadLayersModel(tf.io.fromMemory(a)) : null;
  }

  async remove(id: string): Promise<void> {
    this.artifacts.delete(id);
  }

  async sizes(): Promise<Map<string, number>> {
    return new Map([...this.artifacts].map(([id, a]) => [id, a.weightData ? tf.io.CompositeArrayBuffer.join(a.weightData).byteLength : 0]));
  }
}

/** IndexedDB where the environment has it, else memory. */
export function defaultModelStorage(): ModelStorage {
  return typeof indexedDB !== 'undefined' ? new IndexedDbModelStorage() : new MemoryModelStorage();
}
