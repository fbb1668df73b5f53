import type { AppState } from '../../state/store';
import { useLiveValue } from './useLiveValue';

/**
 * A store value whose changes re-render in a transition, unthrottled. When training starts or stops, a dozen
 * panels (builder, settings, data lab, run table…) all read `isTraining` to lock or unlock their fields; with
 * plain subscriptions they all re-rendered in the click's own task, one task of 60–90 ms. In a transition
 * React slices that work into short tasks and the button's own feedback comes first. The value is rare to
 * change and should land in the next frames, so unlike the live charts it is not throttled.
 */
export function useTransitionApp<T>(select: (s: AppState) => T): T {
  return useLiveValue(select, 0);
}
