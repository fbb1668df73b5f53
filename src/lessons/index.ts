import { ARCHITECTURES } from './architectures';
import { AUGMENTATION } from './augmentation';
import { CONVOLUTION_POOLING } from './convolutionPooling';
import { KFOLD } from './kfold';
import { LENET_MNIST } from './lenetMnist';
import { METRICS } from './metrics';
import { OPTIMIZERS } from './optimizers';
import { OVERFITTING } from './overfitting';
import type { Lesson } from './types';

export type { Lesson, LessonCheck, LessonStep, StepExperiment } from './types';
export { checkPassed, finalGap, gapOpened, type LessonRun, type LessonView } from './checks';
export { stepPathRequest, withStep } from './apply';

/** Every lesson, in the order the lesson menu lists them: the course's order, from the convolution up. */
export const LESSONS: readonly Lesson[] = [CONVOLUTION_POOLING, LENET_MNIST, OPTIMIZERS, OVERFITTING, AUGMENTATION, METRICS, KFOLD, ARCHITECTURES];

export function getLesson(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
