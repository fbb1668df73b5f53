// Debian's Chromium, never a downloaded browser; flags for a root, offline, headless machine.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Headless WebGL through SwiftShader (software), so the real WebGL path runs in tests.
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
];

/** WebGPU through SwiftShader's Vulkan: slow, but the real webgpu code path, where headless Chromium offers no adapter otherwise. */
export const WEBGPU_ARGS = ['--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-vulkan=swiftshader', '--use-webgpu-adapter=swiftshader'];
