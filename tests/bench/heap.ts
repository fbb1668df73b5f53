import type { Browser } from 'playwright-core';

// A dedicated worker has no performance.memory, so the bench reads the worker's heap through the DevTools
// protocol: attached from the browser session, commands sent as messages to the worker's target.

export interface Heap {
  /** Live JS objects after a full garbage collection. */
  usedBytes: number;
  /** ArrayBuffer and other backing stores outside the JS heap (tensor data on the cpu backend lives here). */
  backingBytes: number | null;
}

export async function workerHeapProbe(browser: Browser, urlPart: string): Promise<() => Promise<Heap>> {
  const cdp = await browser.newBrowserCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'worker' && t.url.includes(urlPart));
  if (!target) throw new Error(`no worker whose address contains ${urlPart}`);
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
  let next = 0;
  const waiting = new Map<number, (reply: { result?: unknown; error?: { message: string } }) => void>();
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    if (e.sessionId !== sessionId) return;
    const reply = JSON.parse(e.message) as { id?: number; result?: unknown; error?: { message: string } };
    if (reply.id !== undefined) waiting.get(reply.id)?.(reply);
  });
  const send = <T>(method: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const id = ++next;
      waiting.set(id, (reply) => {
        waiting.delete(id);
        if (reply.error) reject(new Error(`${method}: ${reply.error.message}`));
        else resolve(reply.result as T);
      });
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params: {} }) });
    });
  return async () => {
    await send('HeapProfiler.collectGarbage');
    const usage = await send<{ usedSize: number; backingStorageSize?: number }>('Runtime.getHeapUsage');
    return { usedBytes: usage.usedSize, backingBytes: usage.backingStorageSize ?? null };
  };
}
