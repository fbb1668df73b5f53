// Per-layer initializer seeds. Each (model seed, layer index, slot) gets its own well-mixed 32-bit seed,
// so neighbouring layers or seeds 1 and 2 do not start from correlated random streams.

function mix32(x: number): number {
  // murmur3's finaliser: every input bit affects every output bit.
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

export function layerSeed(modelSeed: number, layerIndex: number, slot = 0): number {
  return mix32(mix32(mix32(modelSeed >>> 0) ^ (layerIndex + 1)) ^ (slot + 1));
}
