import { startTransition, useEffect, useState } from 'react';
import { useApp, type AppState } from '../../state/store';

/**
 * A store value whose changes re-render in a transition. When training starts or stops, a dozen panels
 * (builder, settings, data lab, run table…) all read `isTraining` to lock or unlock their fields; with plain
 * subscriptions they all re-rendered in the click's own task, one task of 60–90 ms. In a transition React
 * slices that work into short tasks and the button's own feedback comes first. Unlike useLiveValue there is
 * no throttle: the value is rare to change and should land in the next frames.
 */
export function useTransitionApp<T>(select: (s: AppState) => T): T {
  const [shown, setShown] = useState(() => select(useApp.getState()));
  useEffect(() => {
    let seen = select(useApp.getState());
    // The value may have changed between the first render and this effect.
    startTransition(() => setShown(() => seen));
    return useApp.subscribe((s) => {
      const next = select(s);
      if (Object.is(next, seen)) return;
      seen = next;
      startTransition(() => setShown(() => next));
    });
    // `select` is expected to be a stable module-level function.
  }, []);
  return shown;
}
