import { LENET_MNIST } from './lenetMnist';
import type { Lesson } from './types';

export type { Lesson, LessonCheck, LessonStep, StepExperiment } from './types';
export { checkPassed, type LessonView } from './checks';

/** Every lesson, in the order the lesson menu lists them. */
export const LESSONS: readonly Lesson[] = [LENET_MNIST];

export function getLesson(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
