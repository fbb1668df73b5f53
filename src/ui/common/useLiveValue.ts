import { startTransition, useEffect, useState } from 'react';
import { useApp, type AppState } from '../../state/store';

/**
 * A store value for heavy views (live charts, the run table): shown at most once per `ms`, on a clock
 * offset by `phase` ms, and rendered in a transition. A plain store subscription re-renders synchronously
 * on every training event, and a synchronous render of recharts' hundreds of elements is one long
 * main-thread task; a transition render is sliced into short tasks. Views given different phases update in
 * different frames, so their commits (which cannot be sliced) do not add up. The latest value always lands.
 * `active` false (a view off screen) holds the value shown until it is true again. `ms` 0: no throttle.
 */
export function useLiveValue<T>(select: (s: AppState) => T, ms: number, phase = 0, active = true): T {
  const [shown, setShown] = useState(() => select(useApp.getState()));
  useEffect(() => {
    // Inactive (off screen): no updates; on becoming active again, the latest value at once.
    if (!active) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let seen = select(useApp.getState());
    const show = () => {
      timer = null;
      const value = seen;
      startTransition(() => setShown(() => value));
    };
    show();
    const unsubscribe = useApp.subscribe((s) => {
      const next = select(s);
      if (Object.is(next, seen)) return;
      seen = next;
      if (ms <= 0) return show(); // unthrottled: every change, each in a transition
      if (timer !== null) return;
      const sincePhase = (((performance.now() - phase) % ms) + ms) % ms;
      timer = setTimeout(show, ms - sincePhase);
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
    // `select` is expected to be a stable module-level function.
  }, [ms, phase, active]);
  return shown;
}
