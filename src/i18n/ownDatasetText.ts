import type { TFunction } from 'i18next';
import type { OwnProblem } from '../engine/data/userDatasets';
import type { OwnNotice } from '../state/store';
import { sayFileProblem } from './fileProblemText';

/** Says an own-dataset problem in the current language (keys own.problem.*), naming the file or class. */
export function sayOwnProblem(t: TFunction, p: OwnProblem): string {
  const n = (x: number) => x.toLocaleString(t('memory.locale') as string);
  switch (p.code) {
    case 'fewClasses':
      return t('own.problem.fewClasses', { found: n(p.found), min: n(p.min) }) as string;
    case 'classTooSmall':
      return t('own.problem.classTooSmall', { name: p.className, found: n(p.found), min: n(p.min) }) as string;
    case 'tooManyClasses':
    case 'tooManyImages':
      return t(`own.problem.${p.code}`, { found: n(p.found), max: n(p.max) }) as string;
    case 'nameTooLong':
      return t('own.problem.nameTooLong', { max: n(p.max) }) as string;
    case 'duplicateClass':
      return t('own.problem.duplicateClass', { name: p.name }) as string;
    case 'noClass':
    case 'idxPair':
      return t(`own.problem.${p.code}`, { file: p.file }) as string;
    case 'badFile':
      return t('own.problem.badFile', { file: p.file, problem: p.problem }) as string;
    case 'storage':
      return t('own.problem.storage', { detail: p.detail }) as string;
    default:
      return t(`own.problem.${p.code}`) as string;
  }
}

export function sayOwnNotice(t: TFunction, notice: OwnNotice): string {
  return notice.kind === 'file' ? sayFileProblem(t, notice.problem, notice.file) : sayOwnProblem(t, notice.problem);
}
