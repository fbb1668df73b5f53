import type { TFunction } from 'i18next';
import { formatBytes, type MemoryProblem } from '../engine/train/memory';
import type { StepTimeProblem } from '../engine/train/stepParts';

/** Says a memory refusal in the current language (the engine's English is memoryProblemText). */
export function sayMemoryProblem(t: TFunction, p: MemoryProblem | StepTimeProblem): string {
  const n = (x: number) => x.toLocaleString(t('memory.locale') as string);
  if (p.code === 'stepTime') {
    const seconds = (p.partMs / 1000).toLocaleString(t('memory.locale') as string, { maximumFractionDigits: 1 });
    const images = p.minPart === 1 ? t('memory.stepTime.oneImage') : t('memory.stepTime.images', { count: p.minPart });
    const layer = p.heaviest ? t('memory.stepTime.heaviest', { layer: p.heaviest.index + 1, type: p.heaviest.type, share: Math.round(p.heaviest.share * 100) }) : '';
    return t('memory.stepTime.text', { backend: p.backend, images, seconds, layer }) as string;
  }
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
