import { settingAccess } from '../../state/experiment';
import { useApp } from '../../state/store';

/**
 * How a setting's controls show under a classroom (teacher) link: `hidden` ones are not drawn, `locked`
 * ones are drawn disabled with the reason in their tooltip. Both false outside a classroom.
 */
export function useAccess(key: string): { hidden: boolean; locked: boolean } {
  const access = useApp((s) => settingAccess(s, key));
  return { hidden: access === 'hidden', locked: access === 'locked' };
}
