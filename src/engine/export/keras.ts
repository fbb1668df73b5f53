import type { BuiltinDatasetId } from '../data/catalog';
import type { ModelSpec } from '../spec/layers';
import type { TrainingConfig } from '../train/config';
import { constantsCode, PATIENCE_CODE, scheduleCode, SUBSETS_CODE, epochEndLines } from './common';
import { describeExperiment, type Experiment } from './experiment';
import { describeLoss, kerasLoss } from './lossInit';
import { headerCode } from './header';
import { HE_NORMAL_KERAS_CODE, kerasModelCode, LRN_KERAS_CODE, ZERO_PAD_SHORTCUT_KERAS_CODE } from './kerasModel';
import { kerasOptimizer } from './kerasOptimizer';
import { indent, pyFloat, sections } from './python';
import { SCG_CORE_CODE } from './scg';

// The experiment as a Keras 3 script: keras.datasets, model.compile and model.fit with the app's
// settings. SCG, which Keras's optimizer API cannot express, trains in a written-out loop instead.

const KERAS_DATASETS: Record<BuiltinDatasetId, string> = { mnist: 'mnist', 'fashion-mnist': 'fashion_mnist', cifar10: 'cifar10' };

const STEP_SCHEDULE_CODE = `class StepSchedule(keras.callbacks.Callback):
    """Sets the rate before every batch from lr_factor, as the app does (LearningRateScheduler works per epoch)."""

    def on_epoch_begin(self, epoch, logs=None):
        self.epoch = epoch

    def on_train_batch_begin(self, batch, logs=None):
        self.model.optimizer.learning_rate = LEARNING_RATE * lr_factor(self.epoch * STEPS_PER_EPOCH + batch)`;

const SCG_KERAS_CODE = `class KerasScg:
    """Adapts ScaledConjugateGradient to Keras on TensorFlow: step(objective), objective() the batch's loss."""

    def __init__(self, model, sigma, lam):
        self.weights = model.trainable_variables
        dot = lambda a, b: sum(float(tf.reduce_sum(x * y)) for x, y in zip(a, b))
        self.core = ScaledConjugateGradient(sigma, lam, sum(int(np.prod(w.shape)) for w in self.weights), dot)

    def step(self, objective):
        def loss_and_grads():
            with tf.GradientTape() as tape:
                loss = objective()
            grads = tape.gradient(loss, self.weights)
            return float(loss), [tf.zeros_like(w.value) if g is None else g for w, g in zip(self.weights, grads)]

        def loss_only():
            return float(objective())

        def get_weights():
            return [tf.identity(w.value) for w in self.weights]

        def set_weights(values):
            for w, v in zip(self.weights, values):
                w.assign(v)

        return self.core.step(loss_and_grads, loss_only, get_weights, set_weights)`;

function importsCode(scg: boolean): string {
  return [
    'import argparse',
    'import math',
    '',
    'import keras',
    'import numpy as np',
    'from keras import layers, ops',
    ...(scg ? ['import tensorflow as tf  # SCG takes its own gradients: Keras 3 on the TensorFlow backend'] : []),
  ].join('\n');
}

function loadDataCode(e: Experiment): string {
  const name = KERAS_DATASETS[e.dataset.id];
  return `def load_data():
    """${e.dataset.name} from keras.datasets (downloaded once into ~/.keras/datasets), then the app's subset sizes."""
    (x_train, y_train), (x_test, y_test) = keras.datasets.${name}.load_data()
    return take_subsets(x_train, y_train, x_test, y_test)`;
}

function fitCode(e: Experiment): string {
  const o = kerasOptimizer(e.config.optimizer);
  const patience = e.config.earlyStoppingPatience > 0;
  return [
    'def make_optimizer():',
    `    """The app's ${e.config.optimizer.type} optimizer."""`,
    ...o.notes.map((n) => `    # ${n}`),
    `    return ${o.make}`,
    '',
    '',
    'def train(model, data, epochs):',
    '    """model.fit with the app\'s settings: shuffled batches, the validation subset after every epoch."""',
    indent(
      [
        `model.compile(optimizer=make_optimizer(), loss=${kerasLoss(e.config.loss).make}, metrics=["accuracy"])  # ${describeLoss(e.config.loss)}`,
        'callbacks = []',
        ...(e.scheduled ? ['callbacks.append(StepSchedule())'] : []),
        ...(patience
          ? [
              "# Only a strictly lower validation loss counts; the model keeps the last epoch's weights, as in the app.",
              'callbacks.append(keras.callbacks.EarlyStopping(monitor="val_loss", patience=PATIENCE, min_delta=0, restore_best_weights=RESTORE_BEST))',
            ]
          : []),
        'validation = data["validation"] if len(data["validation"][1]) > 0 else None',
        'model.fit(*data["train"], batch_size=BATCH_SIZE, epochs=epochs, shuffle=True, validation_data=validation, callbacks=callbacks, verbose=2)',
      ].join('\n'),
    ),
  ].join('\n');
}

function scgLoopCode(e: Experiment): string {
  if (e.config.optimizer.type !== 'scg') throw new Error('not SCG');
  const { sigma, lambda } = e.config.optimizer;
  const patience = e.config.earlyStoppingPatience > 0;
  const body = [
    `loss_fn = ${kerasLoss(e.config.loss).make}  # ${describeLoss(e.config.loss)}`,
    'model.compile(loss=loss_fn, metrics=["accuracy"])  # for evaluate(); SCG below does the training',
    `scg = KerasScg(model, sigma=${pyFloat(sigma)}, lam=${pyFloat(lambda)})`,
    ...(patience ? ['stopper = EarlyStopping(model.get_weights, model.set_weights)'] : []),
    'x, y = data["train"]',
    'rng = np.random.default_rng(SEED)',
    'for epoch in range(epochs):',
    '    order = rng.permutation(len(y))',
    '    loss_sum, correct = 0.0, 0',
    '    for start in range(0, len(y), BATCH_SIZE):',
    '        idx = order[start:start + BATCH_SIZE]',
    '        xb, yb = tf.constant(x[idx]), tf.constant(y[idx])',
    '        first = {}',
    '',
    '        def objective():',
    '            logits = model(xb, training=True)',
    '            loss = loss_fn(yb, logits)',
    '            if not first:  # the figures at the weights before the step, as the app reports them',
    '                hits = tf.equal(tf.argmax(logits, axis=1), yb)',
    '                first["loss"], first["correct"] = float(loss), int(tf.reduce_sum(tf.cast(hits, "int32")))',
    '            return loss + sum(model.losses)  # model.losses: the L1/L2 terms, when set',
    '',
    '        scg.step(objective)',
    '        loss_sum += first["loss"] * len(idx)',
    '        correct += first["correct"]',
    '    line = f"epoch {epoch + 1}/{epochs}: loss {loss_sum / len(y):.4f}, accuracy {correct / len(y):.4f}"',
    '    val_loss = None',
    '    if len(data["validation"][1]) > 0:',
    '        val_loss, val_accuracy = model.evaluate(*data["validation"], batch_size=1000, verbose=0)',
    '        line += f", validation loss {val_loss:.4f}, accuracy {val_accuracy:.4f}"',
    ...epochEndLines(patience),
    ...(patience ? ['stopper.restore()'] : []),
  ];
  return [
    'def train(model, data, epochs):',
    '    """SCG outside model.fit, which hands an optimizer one gradient, where SCG evaluates the batch several times."""',
    indent(body.join('\n')),
  ].join('\n');
}

const MAIN_CODE = `def main():
    parser = argparse.ArgumentParser(description="A CNN Playground experiment in Keras.")
    parser.add_argument("--build-only", action="store_true", help="build the model, check its parameter count, print the output shape and exit")
    parser.add_argument("--smoke", action="store_true", help="train on random images, at most 2 epochs, without downloading the dataset")
    args = parser.parse_args()
    keras.utils.set_random_seed(SEED)  # Python's, NumPy's and the backend's generators

    model = build_model()
    model.summary()
    total = model.count_params()
    trainable = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
    print(f"parameters: {total} (trainable: {trainable})")
    assert total == EXPECTED_PARAMS, f"{total} parameters where the app counts {EXPECTED_PARAMS}"
    assert trainable == EXPECTED_TRAINABLE_PARAMS, f"{trainable} trainable parameters where the app counts {EXPECTED_TRAINABLE_PARAMS}"
    if args.build_only:
        out = model(np.zeros((2, HEIGHT, WIDTH, CHANNELS), dtype="float32"), training=False)
        print(f"output shape: {list(out.shape)}")
        return

    data = random_data() if args.smoke else load_data()
    train(model, data, min(EPOCHS, 2) if args.smoke else EPOCHS)
    test_loss, test_accuracy = model.evaluate(*data["test"], batch_size=1000, verbose=0)
    print(f"test: loss {test_loss:.4f}, accuracy {test_accuracy:.4f} on {len(data['test'][1])} images")


if __name__ == "__main__":
    main()`;

/** The experiment as a runnable Keras 3 script. Throws when the spec or settings are not valid for the dataset. */
export function kerasScript(spec: ModelSpec, config: TrainingConfig, datasetId: BuiltinDatasetId, options: { title?: string } = {}): string {
  const e = describeExperiment(spec, config, datasetId, options.title);
  const modelCode = kerasModelCode(e);
  const o = kerasOptimizer(e.config.optimizer);
  const scg = o.make === null;
  const penalty = e.config.l1 > 0 || e.config.l2 > 0;
  const header = headerCode(e, {
    framework: 'Keras',
    loader: `keras.datasets.${KERAS_DATASETS[datasetId]}`,
    install: scg
      ? 'Keras 3 on the TensorFlow backend (SCG takes its own gradients) and NumPy: pip install keras tensorflow numpy'
      : 'Keras 3 and NumPy, with a backend such as TensorFlow: pip install keras tensorflow numpy',
    differences: [
      ...(penalty
        ? ["Keras's losses (training, and validation, which early stopping watches) include the L1/L2 terms; the app's are the data loss alone."]
        : []),
      ...o.notes,
    ],
  });
  const script = sections([
    header,
    importsCode(scg),
    constantsCode(e),
    e.scheduled ? scheduleCode(e) : null,
    // The helpers the model's code calls, and only those.
    modelCode.includes('he_normal(') ? HE_NORMAL_KERAS_CODE : null,
    kerasLoss(e.config.loss).code,
    modelCode.includes('local_response_norm(') ? LRN_KERAS_CODE : null,
    modelCode.includes('zero_pad_shortcut(') ? ZERO_PAD_SHORTCUT_KERAS_CODE : null,
    modelCode,
    ...o.classes,
    scg ? SCG_CORE_CODE : null,
    scg ? SCG_KERAS_CODE : null,
    e.scheduled && !scg ? STEP_SCHEDULE_CODE : null,
    scg && e.config.earlyStoppingPatience > 0 ? PATIENCE_CODE : null,
    SUBSETS_CODE,
    loadDataCode(e),
    scg ? scgLoopCode(e) : fitCode(e),
    MAIN_CODE,
  ]);
  return `${script}\n`;
}
