import i18n from '../i18n';
import { deepReluBatchNormStack, deepSigmoidStack } from '../engine/spec/vanishingGradients';
import { getApp, isTraining, setApp } from '../state/store';
import { addRun, processQueue, runFromEditor } from './runQueue';
import { settingsReady } from './trainingActions';
import { defineAction } from './types';

// The weights-and-gradients views: which runs they show side by side, and the vanishing-gradient lesson
// that queues the two runs to compare.

export const setDynamicsRun = defineAction<{ side: 'left' | 'right'; runId: string | null }>({
  name: 'setDynamicsRun',
  labelKey: 'dynamics.pick',
  perform({ side, runId }) {
    setApp((s) => ({ dynamicsPair: { ...s.dynamicsPair, [side]: runId } }));
  },
});

/**
 * Queues the deep sigmoid stack and the same stack with ReLU and batch norm, on the editor's data, seed and
 * subsets, with plain SGD (an adaptive optimizer would rescale each layer's step and hide what the
 * gradients do), shows them side by side, and trains them.
 */
export const queueVanishingGradientLesson = defineAction({
  name: 'queueVanishingGradientLesson',
  labelKey: 'dynamics.lesson.queue',
  enabled: (s) => settingsReady(s) && !!s.dataset,
  perform() {
    const s = getApp();
    if (!s.dataset) return;
    const shape = s.dataset.imageShape;
    const classes = s.dataset.classNames.length;
    const base = { ...s, optimizer: { type: 'sgd' as const, learningRate: 0.1 }, schedule: { type: 'constant' as const, warmupEpochs: 0 }, l1: 0, l2: 0 };
    const sigmoid = { ...runFromEditor(base), spec: deepSigmoidStack(shape, classes), name: i18n.t('dynamics.lesson.sigmoidRun'), startFrom: null };
    addRun(sigmoid);
    // Made after the first is added, so that it gets the next colour.
    const relu = { ...runFromEditor({ ...base, runs: getApp().runs }), spec: deepReluBatchNormStack(shape, classes), name: i18n.t('dynamics.lesson.reluRun'), startFrom: null };
    addRun(relu);
    setApp({ dynamicsPair: { left: sigmoid.id, right: relu.id } });
    if (!isTraining(getApp())) void processQueue(sigmoid.id);
  },
});
