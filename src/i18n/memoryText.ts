import type { TFunction } from 'i18next';
import { formatBytes, type MemoryProblem } from '../engine/train/memory';

/** Says a memory refusal in the current language (the engine's English is memoryProblemText). */
export function sayMemoryProblem(t: TFunction, p: MemoryProblem): string {
  const n = (x: number) => x.toLocaleString(t('memory.locale') as string);
  if (p.code === 'tensor') {
    const layer = (p.tensor.layer ?? 0) + 1;
    return t('memory.tensor', {
      what: t(`memory.tensorWhat.${p.tensor.kind}`, { layer }),
      elements: n(p.tensor.elements),
      max: n(p.maxElements),
      backend: p.backend,
      shrink: t(`memory.tensorShrink.${p.tensor.kind}`),
    }) as string;
  }
  const advice =
    p.main === 'weights' && p.heaviestLayer
      ? t('memory.advice.weights', { layer: p.heaviestLayer.index + 1, type: p.heaviestLayer.type, params: n(p.heaviestLayer.params) })
      : p.main === 'activations' && p.widestLayer
        ? t('memory.advice.activations', { layer: p.widestLayer.index + 1, type: p.widestLayer.type })
        : t('memory.advice.data');
  return t('memory.total', { need: formatBytes(p.needBytes), budget: formatBytes(p.budgetBytes), backend: p.backend, advice }) as string;
}
