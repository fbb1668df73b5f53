// One queue of small canvas paints for every PixelCanvas on the page. Opening the views inside the network
// (or a run's end) mounts hundreds of feature maps and filters at once; painting them all in the effects of
// one commit made that commit a single task of 100 ms or more. Drained from setTimeout in slices of about
// PAINT_BUDGET_MS, each slice is a short task, so input and the charts' frames get in between.

const PAINT_BUDGET_MS = 8;

type Paint = () => void;

const queue = new Set<Paint>();
let timer: ReturnType<typeof setTimeout> | null = null;

function drain() {
  timer = null;
  const start = performance.now();
  for (const paint of queue) {
    queue.delete(paint);
    paint();
    if (performance.now() - start > PAINT_BUDGET_MS) break;
  }
  if (queue.size > 0) timer = setTimeout(drain, 0);
}

/** Queues a paint; the returned function drops it (the canvas unmounted or got newer data first). */
export function schedulePaint(paint: Paint): () => void {
  queue.add(paint);
  if (timer === null) timer = setTimeout(drain, 0);
  return () => {
    queue.delete(paint);
  };
}
