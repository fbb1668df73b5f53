// The metrics of a classifier's evaluation: pure functions over labels and probabilities, no tensors.
export * from './classification';
export * from './confusion';
export * from './evaluationMetrics';
export * from './mistakes';
export * from './precisionRecall';
export * from './predictions';
export * from './roc';
export * from './thin';
export * from './thresholds';
