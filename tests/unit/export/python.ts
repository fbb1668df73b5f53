import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Running the generated scripts' Python. python3 is on every machine; torch only where Debian's
// python3-torch is installed, which is /usr/bin/python3's, not necessarily the first python3 on PATH.

function works(python: string, code: string): boolean {
  try {
    execFileSync(python, ['-c', code], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

/** The first Python 3 that can `import torch`, or null. */
export function pythonWithTorch(): string | null {
  const candidates = [process.env.PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => !!p);
  return candidates.find((p) => works(p, 'import torch')) ?? null;
}

/** Writes the files into a fresh temporary folder, hands over the paths, then removes the folder. */
export function withFiles<T>(files: Record<string, string>, use: (paths: Record<string, string>) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'cnn-export-'));
  try {
    const paths: Record<string, string> = {};
    for (const [name, text] of Object.entries(files)) {
      paths[name] = join(dir, name);
      writeFileSync(paths[name], text);
    }
    return use(paths);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** py_compile every file in one python3; on a syntax error, the message names the file and line. */
export function compileAll(files: Record<string, string>): void {
  withFiles(files, (paths) => {
    const code = [
      'import py_compile, sys',
      'for path in sys.argv[1:]:',
      '    py_compile.compile(path, doraise=True)',
    ].join('\n');
    try {
      execFileSync('python3', ['-c', code, ...Object.values(paths)], { stdio: 'pipe', timeout: 60_000 });
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
      throw new Error(`a generated script does not compile:\n${stderr}`);
    }
  });
}

export function runPython(python: string, args: string[], timeout = 120_000): string {
  try {
    return execFileSync(python, args, { stdio: 'pipe', timeout, encoding: 'utf8' });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    throw new Error(`python failed:\n${e.stdout ?? ''}\n${e.stderr ?? String(error)}`);
  }
}
