import { describeData, describeModel, describeTraining } from './describe';
import type { Experiment } from './experiment';
import { oneLine } from './python';
import { augmentationSummary, activeOps } from '../augment/spec';
import { describeInit, describeLoss } from './lossInit';

// The comment that opens both scripts: what the experiment is, how to run the script, and honestly
// what is and is not the same as in the app.

export interface HeaderParts {
  framework: string;
  loader: string;
  install: string;
  /** Framework-specific ways the run differs from the app's, one sentence each. */
  differences: string[];
}

function wrap(text: string, width = 100): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width - 2) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

export function headerCode(e: Experiment, parts: HeaderParts): string {
  const same =
    'The same as in the app: the layers, their order, shapes and parameter counts, the padding, the initialisers ' +
    `(${describeInit(e.config.init)}, zero biases), the loss ` +
    `(${describeLoss(e.config.loss)}), the optimizer and its settings, the schedule, the weight decay, ` +
    'early stopping, batch size, epochs and subset sizes.';
  const differ = [
    'Not the same: the random numbers. Initial weights, subsets, batch order and dropout come from',
    `${parts.framework}'s and NumPy's generators seeded with SEED, not from the app's, so the figures`,
    'will be close to the app\'s but not equal.',
    ...parts.differences,
    // Said plainly rather than left out silently: the script's figures come without it.
    ...(activeOps(e.config.augmentation).length > 0
      ? [`Not in this script: the app's data augmentation (${augmentationSummary(e.config.augmentation)}); it trains on the images as they are.`]
      : []),
    ...(e.config.fold
      ? [`Not in this script: the app's cross-validation fold (fold ${e.config.fold.index + 1} of ${e.config.fold.k}); it trains on the whole training subset and validates on the validation subset.`]
      : []),
    ...(e.config.bootstrap
      ? [`Not in this script: the app's bootstrap sample (bagging member ${e.config.bootstrap.member + 1}); it trains on the training subset as it is.`]
      : []),
  ].join(' ');
  const lines = [
    `CNN Playground experiment "${oneLine(e.title)}" as a ${parts.framework} script.`,
    '',
    ...wrap(describeModel(e)),
    ...describeData(e, parts.loader),
    ...describeTraining(e).flatMap((l) => wrap(l)),
    '',
    `Needs ${parts.install}`,
    '  python THIS_FILE.py               downloads the dataset, trains, validates every epoch, tests',
    '  python THIS_FILE.py --build-only  builds the model, checks its parameter count, prints the output shape',
    '  python THIS_FILE.py --smoke       trains on random images (at most 2 epochs, no download) to check the set-up',
    '',
    ...wrap(same),
    ...wrap(differ),
  ];
  return lines.map((l) => (l ? `# ${oneLine(l)}` : '#')).join('\n');
}
