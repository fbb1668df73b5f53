// A file name a student can type in a shell: python lenet_5_on_mnist_keras.py

export type ScriptFramework = 'keras' | 'pytorch';

/** `<run name>_<framework>.py`, the name cut down to letters, digits and underscores (Python module rules). */
export function scriptFileName(runName: string, framework: ScriptFramework): string {
  const base = runName
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60)
    .replace(/_+$/, '');
  // A module name must not start with a digit.
  const name = base === '' ? 'cnn_playground' : /^[0-9]/.test(base) ? `run_${base}` : base;
  return `${name}_${framework}.py`;
}
