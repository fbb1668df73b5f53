import type { Experiment } from './experiment';
import { oneLine, pyFloat, pyInt, pyStr } from './python';

// Python both scripts share: the settings as constants, the app's learning-rate schedule, the subsets
// and the early-stopping rule. Written once so the Keras and PyTorch scripts cannot drift apart.

export function constantsCode(e: Experiment): string {
  const c = e.config;
  const [h, w, ch] = e.spec.inputShape;
  const lines = [
    '# The experiment as set in the app.',
    `SEED = ${pyInt(c.seed)}`,
    `BATCH_SIZE = ${pyInt(c.batchSize)}`,
    `EPOCHS = ${pyInt(c.epochs)}`,
    `N_TRAIN, N_VALIDATION, N_TEST = ${pyInt(c.subsets.train)}, ${pyInt(c.subsets.validation)}, ${pyInt(c.subsets.test)}`,
    `HEIGHT, WIDTH, CHANNELS = ${h}, ${w}, ${ch}`,
    `CLASS_NAMES = [${e.dataset.classNames.map(pyStr).join(', ')}]`,
    `NUM_CLASSES = len(CLASS_NAMES)`,
    `L1, L2 = ${pyFloat(c.l1)}, ${pyFloat(c.l2)}  # weight decay on conv and dense kernels, added to the loss: L1·Σ|w| + L2·Σw²`,
    `PATIENCE = ${pyInt(c.earlyStoppingPatience)}  # early stopping: epochs without a lower validation loss; 0 = off`,
    `RESTORE_BEST = ${c.restoreBestWeights === false ? 'False' : 'True'}  # with early stopping, end with the best validation epoch's weights, as the app does`,
  ];
  if (e.learningRate !== null) lines.push(`LEARNING_RATE = ${pyFloat(e.learningRate)}`);
  lines.push(
    `STEPS_PER_EPOCH = ${pyInt(e.stepsPerEpoch)}  # ⌈N_TRAIN / BATCH_SIZE⌉: the last, smaller batch is trained too`,
    '',
    "# The app's analysis of this model: weights and biases, plus batch norm's moving mean and variance,",
    '# which Keras counts as (non-trainable) parameters too.',
    `EXPECTED_PARAMS = ${pyInt(e.totalParams)}`,
    `EXPECTED_TRAINABLE_PARAMS = ${pyInt(e.trainableParams)}`,
  );
  return lines.join('\n');
}

function decayLine(e: Experiment): string {
  const s = e.config.schedule;
  switch (s.type) {
    case 'constant':
      return 'return 1.0';
    case 'step':
      // The 1e-9 is the app's: 0.3 / 0.1 is 2.9999… in floating point and must count as 3.
      return `return ${pyFloat(s.factor)} ** math.floor(epoch / ${pyFloat(s.everyEpochs)} + 1e-9)  # × factor every ${s.everyEpochs} epochs`;
    case 'exponential':
      return `return ${pyFloat(s.factor)} ** epoch  # × factor per epoch, continuously`;
    case 'cosine':
      return [
        'span = max(1, TOTAL_STEPS - WARMUP_STEPS)',
        'progress = min(1.0, t / span)',
        `floor = ${pyFloat(s.floor)}  # the fraction of the rate left at the last step`,
        'return floor + (1 - floor) * 0.5 * (1 + math.cos(math.pi * progress))',
      ].join('\n');
  }
}

/** lr_factor(step): the multiplier on LEARNING_RATE at optimizer step `step`, as src/engine/train/schedule.ts has it. */
export function scheduleCode(e: Experiment): string {
  const body = [
    'if step < WARMUP_STEPS:',
    '    return (step + 1) / WARMUP_STEPS  # linear warm-up',
    't = step - WARMUP_STEPS  # the decay counts from the end of the warm-up',
    ...(e.config.schedule.type === 'step' || e.config.schedule.type === 'exponential' ? ['epoch = t / STEPS_PER_EPOCH'] : []),
    decayLine(e),
  ].join('\n');
  return [
    `TOTAL_STEPS = ${pyInt(e.totalSteps)}  # EPOCHS × STEPS_PER_EPOCH`,
    `WARMUP_STEPS = ${pyInt(e.warmupSteps)}  # warm-up epochs × STEPS_PER_EPOCH, rounded`,
    '',
    '',
    'def lr_factor(step):',
    `    """The learning rate's multiplier at optimizer step \`step\` (0-based), the app's schedule: ${oneLine(scheduleName(e))}."""`,
    body
      .split('\n')
      .map((l) => `    ${l}`)
      .join('\n'),
  ].join('\n');
}

function scheduleName(e: Experiment): string {
  const s = e.config.schedule;
  return s.warmupEpochs > 0 ? `${s.type} after ${s.warmupEpochs} warm-up epochs` : s.type;
}

export const SUBSETS_CODE = `def take_subsets(x_train, y_train, x_test, y_test):
    """Seeded random subsets of the app's sizes, as float32 images (N, H, W, C) in [0, 1] and int64 labels.

    Validation images come from the training split, disjoint from the training images, as in the app.
    The app draws its subsets stratified by class with its own random generator, so these are other
    images than the app's: the same sizes and, roughly, the same class balance.
    """
    y_train = np.asarray(y_train).reshape(-1)
    y_test = np.asarray(y_test).reshape(-1)
    rng = np.random.default_rng(SEED)
    order = rng.permutation(len(y_train))
    train, validation = order[:N_TRAIN], order[N_TRAIN:N_TRAIN + N_VALIDATION]
    test = rng.permutation(len(y_test))[:N_TEST]

    def subset(x, y, idx):
        images = np.asarray(x)[idx].reshape(len(idx), HEIGHT, WIDTH, CHANNELS).astype(np.float32) / 255.0
        return images, y[idx].astype(np.int64)

    return {
        "train": subset(x_train, y_train, train),
        "validation": subset(x_train, y_train, validation),
        "test": subset(x_test, y_test, test),
    }


def random_data():
    """Random images in place of the dataset (--smoke): checks the set-up without a download."""
    rng = np.random.default_rng(SEED)

    def part(n):
        return rng.random((n, HEIGHT, WIDTH, CHANNELS), dtype=np.float32), rng.integers(0, NUM_CLASSES, n).astype(np.int64)

    return {"train": part(min(2 * BATCH_SIZE, 2000)), "validation": part(min(N_VALIDATION, 64)), "test": part(64)}`;

/** The app's early-stopping rule for hand-written loops (Keras' fit has the same rule as a callback). */
export const PATIENCE_CODE = `class EarlyStopping:
    """Stop when the validation loss has not gone strictly below its best for PATIENCE epochs.

    With RESTORE_BEST, as in the app, the model ends with the weights of the best epoch (save and load
    take and put back a copy of the weights).
    """

    def __init__(self, save, load):
        self.best, self.best_epoch = math.inf, -1
        self.save, self.load, self.best_weights = save, load, None

    def should_stop(self, epoch, val_loss):
        if val_loss < self.best:
            self.best, self.best_epoch = val_loss, epoch
            if RESTORE_BEST:
                self.best_weights = self.save()
            return False
        return epoch - self.best_epoch >= PATIENCE

    def restore(self):
        if RESTORE_BEST and self.best_weights is not None:
            self.load(self.best_weights)`;

/** The end of an epoch in both scripts' loops: the epoch's line, then the early-stopping check when it is on. */
export function epochEndLines(patience: boolean): string[] {
  return [
    '    print(line, flush=True)',
    ...(patience
      ? [
          '    if val_loss is not None and stopper.should_stop(epoch, val_loss) and epoch < epochs - 1:',
          '        print(f"early stop: no lower validation loss since epoch {stopper.best_epoch + 1}")',
          '        break',
        ]
      : []),
  ];
}
