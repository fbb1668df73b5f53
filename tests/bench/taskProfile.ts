import type { CDPSession, Page } from 'playwright';

// Where a main-thread long task's time goes: the page's CPU profile (CDP's sampling profiler) cut to each
// long task's window and summed by function, self time. For `--profile-ui`: a long task the bench reports
// says when and how long, this says what ran.

export interface TaskProfile {
  session: CDPSession;
  /** performance.now() in the page when the profiler started, to put samples on the page's clock. */
  pageStartMs: number;
}

export async function startTaskProfile(page: Page): Promise<TaskProfile> {
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 500 }); // µs
  await session.send('Profiler.start');
  const pageStartMs = await page.evaluate(() => performance.now());
  return { session, pageStartMs };
}

type ProfileNode = { id: number; children?: number[]; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } };

// React components are functions named with a capital letter: their time with their callees (inclusive)
// says which part of the page a long render was spent in, which self time (spread over React's internals) does not.
const COMPONENT = /^[A-Z][A-Za-z0-9]*$/;

/** For each task (page-clock start and duration, ms), its functions by self time, most first. */
export async function stopTaskProfile(p: TaskProfile, tasks: { startMs: number; durationMs: number }[], top = 8) {
  const { profile } = (await p.session.send('Profiler.stop')) as unknown as {
    profile: { nodes: ProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] };
  };
  await p.session.detach();
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  /** The distinct component names on a sample's stack. */
  const componentsOf = (id: number): Set<string> => {
    const names = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = nodes.get(at)!.callFrame.functionName;
      if (COMPONENT.test(name)) names.add(name);
    }
    return names;
  };
  // Sample times on the page's clock: the profile's first sample is (within a millisecond or so) the start.
  const times: number[] = [];
  let t = 0;
  for (const d of profile.timeDeltas) times.push(p.pageStartMs + (t += d) / 1000);
  return tasks.map((task) => {
    const bySelf = new Map<string, number>();
    const byComponent = new Map<string, number>();
    let sampled = 0;
    for (let i = 0; i < profile.samples.length; i++) {
      if (times[i] < task.startMs || times[i] > task.startMs + task.durationMs) continue;
      const frame = nodes.get(profile.samples[i])!.callFrame;
      const where = frame.url ? `${frame.url.split('/').pop()}:${frame.lineNumber + 1}:${frame.columnNumber + 1}` : '';
      const name = `${frame.functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
      const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      bySelf.set(name, (bySelf.get(name) ?? 0) + ms);
      for (const c of componentsOf(profile.samples[i])) byComponent.set(c, (byComponent.get(c) ?? 0) + ms);
      sampled += ms;
    }
    const most = (by: Map<string, number>) => [...by.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, ms]) => ({ name, ms: Math.round(ms * 10) / 10 }));
    return { ...task, sampledMs: Math.round(sampled), functions: most(bySelf), components: most(byComponent) };
  });
}
