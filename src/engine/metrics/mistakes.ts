// The misclassified images, most confident mistakes first: the ones a teacher wants to show (a model sure
// of a wrong answer says more than one that hesitated).

/**
 * Positions (in the evaluation's order) of the images whose predicted class is not the true one, sorted by
 * the probability given to the wrong prediction, highest first; equal ones keep the evaluation's order.
 */
export function rankedMistakes(labels: Uint8Array, predicted: Uint8Array, probabilities: Float32Array, classes: number): Int32Array {
  const wrong: number[] = [];
  for (let i = 0; i < labels.length; i++) if (labels[i] !== predicted[i]) wrong.push(i);
  const confidence = (i: number) => {
    const p = probabilities[i * classes + predicted[i]];
    return Number.isNaN(p) ? -Infinity : p;
  };
  wrong.sort((a, b) => confidence(b) - confidence(a) || a - b);
  return Int32Array.from(wrong);
}
