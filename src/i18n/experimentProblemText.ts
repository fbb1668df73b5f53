import type { TFunction } from 'i18next';
import type { ExperimentProblem } from '../experiment/problems';
import { sayFieldProblem } from './fieldProblemText';
import { sayIssue } from './issueText';

// What restore.ts found wrong with an experiment, said in the UI's language (experiment.problem.*).

/** The name of what a problem is about: a training field's own label (fieldErrors.label), else the setting's. */
function label(t: TFunction, path: string, setting: string): string {
  const last = path.split('.').at(-1) ?? path;
  for (const key of [`fieldErrors.label.${last}`, `experiment.subject.${last}`, `experiment.subject.${setting}`]) {
    const said = t(key, { defaultValue: '' }) as string;
    if (said) return said;
  }
  return last;
}

const where = (t: TFunction, name: string) => t(`experiment.subject.${name}`, { defaultValue: `"${name}"` }) as string;

export function sayExperimentProblem(t: TFunction, p: ExperimentProblem): string {
  const say = (key: string, params: Record<string, string | number> = {}) => t(`experiment.problem.${key}`, params) as string;
  switch (p.code) {
    case 'notJson':
      return say('notJson', { detail: p.detail });
    case 'damagedLink':
    case 'notExperiment':
    case 'modelFile':
      return say(p.code);
    case 'noVersion':
      return say('noVersion', { assumed: p.assumed });
    case 'futureVersion':
      return say('futureVersion', { found: p.found, latest: p.latest });
    case 'badVersion':
      return say('badVersion', { found: p.found, latest: p.latest });
    case 'missing':
      return say('missing', { label: label(t, p.path, p.setting), used: p.used });
    case 'wrongKind':
      return say(p.used === '' ? 'wrongKindCleared' : 'wrongKind', { label: label(t, p.path, p.setting), kind: t(`experiment.kind.${p.kind}`) as string, value: p.value, used: p.used });
    case 'field':
      return say('field', { problem: sayFieldProblem(t, p.path, p.problem), used: p.used });
    case 'unknownChoice':
      return say('unknownChoice', { label: label(t, p.path, p.setting), value: p.value, allowed: p.allowed, used: p.used });
    case 'unknownFields':
      return say('unknownFields', { where: where(t, p.where), names: p.names });
    case 'sectionNotObject':
      return say('sectionNotObject', { where: where(t, p.section) });
    case 'layerReset':
      return say('layerReset', { issue: sayIssue(t, p.issue), used: p.used });
    case 'layerIgnored':
    case 'layerDropped':
      return say(p.code, { issue: sayIssue(t, p.issue) });
    case 'tooManyLayers':
      return say('tooManyLayers', { found: p.found, max: p.max });
    case 'classroomUnknown':
      return say(`classroomUnknown_${p.list}`, { names: p.names });
  }
}
