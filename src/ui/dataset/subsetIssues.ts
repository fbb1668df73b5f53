import type { TFunction } from 'i18next';
import type { SubsetSizes } from '../../engine/data/subsets';

export type SubsetIssues = Partial<Record<keyof SubsetSizes, string>>;

/** Inline messages for the subset fields; empty when the sizes are usable. */
export function subsetIssues(sizes: SubsetSizes, trainCount: number, testCount: number, t: TFunction): SubsetIssues {
  const issues: SubsetIssues = {};
  const whole = (n: number) => Number.isInteger(n);
  if (!whole(sizes.train) || sizes.train < 10) issues.train = t('dataset.tooFew', { min: 10 });
  if (!whole(sizes.validation) || sizes.validation < 0) issues.validation = t('dataset.tooFew', { min: 0 });
  if (!whole(sizes.test) || sizes.test < 1) issues.test = t('dataset.tooFew', { min: 1 });
  if (!issues.train && !issues.validation && sizes.train + sizes.validation > trainCount) {
    issues.validation = t('dataset.tooMany', { count: trainCount });
  }
  if (!issues.test && sizes.test > testCount) issues.test = t('dataset.tooManyTest', { count: testCount });
  return issues;
}
