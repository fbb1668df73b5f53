// Builds kernels.c into two wasm modules with Debian's clang and lld (packages clang and lld; wasm32 is
// one of Debian LLVM's targets, so no other toolchain is needed): one that imports a plain memory, for the
// single-threaded wasm builds of tfjs, and one that imports a shared memory, for the threaded build.
// Runs in `npm install` (--optional: without clang it says so and the app uses its JavaScript kernels),
// before `npm test` and `npm start`, and in CI (strict).
//   npx tsx src/engine/wasm/native/build.ts [--optional]
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, existsSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NATIVE_FILES } from './files.ts';

const here = dirname(fileURLToPath(import.meta.url));
const source = join(here, 'kernels.c');
const outDir = join(here, 'out');
const optional = process.argv.includes('--optional');

const COMMON = ['--target=wasm32', '-O3', '-msimd128', '-mbulk-memory', '-nostdlib', '-ffreestanding', '-Wall', '-Werror'];
const LINK = ['-Wl,--no-entry', '-Wl,--import-memory', '-Wl,--strip-all'];
// The threaded tfjs build's memory is shared with a maximum; an import must be shared too, and may not
// promise less room than the memory has (4 GiB is wasm32's whole space).
const SHARED = ['-matomics', '-Wl,--shared-memory', '-Wl,--max-memory=4294967296'];

function clang(): string | null {
  for (const name of ['clang', 'clang-16', 'clang-15', 'clang-14']) {
    try {
      execFileSync(name, ['--version'], { stdio: 'ignore' });
      return name;
    } catch {
      // try the next name
    }
  }
  return null;
}

/** Section ids of a wasm binary, in order. */
function sectionIds(bytes: Uint8Array): number[] {
  const ids: number[] = [];
  let p = 8;
  while (p < bytes.length) {
    const id = bytes[p++];
    let size = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = bytes[p++];
      size |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    ids.push(id);
    p += size;
  }
  return ids;
}

/**
 * The module shares the backend's memory, so it must put nothing in it: no data segment (it would be
 * written over the backend's heap) and no use of the stack pointer (its stack would lie in the backend's
 * heap). Checked on the compiler's assembly and on the linked binary.
 */
function checkAssemblyOwnsNoMemory(assembly: string): void {
  const problems: string[] = [];
  if (/__stack_pointer/.test(assembly)) problems.push('a function uses the stack (keep locals in registers: no arrays, no address-taken locals)');
  if (/\.section\s+\.(data|rodata|bss)/.test(assembly)) problems.push('it has static data (use constants that compile to immediates)');
  if (problems.length) throw new Error(`kernels.c: ${problems.join('; ')}`);
}

function checkModuleOwnsNoMemory(wasm: Uint8Array, file: string): void {
  const ids = sectionIds(wasm);
  if (ids.includes(11) || ids.includes(12)) throw new Error(`${file}: the linked module has a data section`);
}

function build(): void {
  const cc = clang();
  if (!cc) {
    const message = 'native kernels: clang not found (apt-get install -y clang lld); the app will use its JavaScript kernels';
    if (optional) {
      console.warn(message);
      return;
    }
    throw new Error(message);
  }
  const newest = statSync(source).mtimeMs;
  const built = Object.values(NATIVE_FILES).every((f) => existsSync(join(outDir, f)) && statSync(join(outDir, f)).mtimeMs >= newest);
  if (built && optional) return;
  mkdirSync(outDir, { recursive: true });
  const assemblyFile = join(outDir, 'kernels.s');
  execFileSync(cc, [...COMMON, '-S', '-o', assemblyFile, source], { stdio: 'inherit' });
  checkAssemblyOwnsNoMemory(readFileSync(assemblyFile, 'utf8'));
  rmSync(assemblyFile);
  for (const [kind, file] of Object.entries(NATIVE_FILES)) {
    const target = join(outDir, file);
    const flags = kind === 'shared' ? [...COMMON, ...SHARED, ...LINK] : [...COMMON, ...LINK];
    try {
      execFileSync(cc, [...flags, '-o', target, source], { stdio: 'inherit' });
    } catch (e) {
      const message = `native kernels: ${cc} could not build ${file} (is lld installed? apt-get install -y lld): ${(e as Error).message}`;
      if (optional) {
        console.warn(message);
        return;
      }
      throw new Error(message);
    }
    const wasm = readFileSync(target);
    checkModuleOwnsNoMemory(wasm, file);
    const imports = WebAssembly.Module.imports(new WebAssembly.Module(wasm)); // it validates
    // Only the memory: a call the compiler made to a libc function (memset, say) would be an import too.
    const extra = imports.filter((i) => !(i.module === 'env' && i.name === 'memory' && i.kind === 'memory'));
    if (extra.length) throw new Error(`${file}: imports ${extra.map((i) => `${i.module}.${i.name}`).join(', ')} besides the memory`);
  }
  writeFileSync(join(outDir, '.gitignore'), '*\n');
  console.log(`native kernels: built ${Object.values(NATIVE_FILES).join(' and ')} with ${cc}`);
}

build();
