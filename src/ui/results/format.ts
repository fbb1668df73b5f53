// How the results views write numbers. Precision, recall, F1, AUC and AP as fractions with 3 decimals
// (as scikit-learn's reports and most textbooks write them); accuracies and shares as percentages.

export const ratioText = (v: number) => v.toFixed(3);

export function percentText(v: number, digits = 2): string {
  return `${(v * 100).toFixed(digits)}%`;
}

/** A share in a confusion-matrix cell: whole percents, one decimal below 10 % so small errors do not read 0. */
export function cellShareText(v: number): string {
  if (v === 0) return '0';
  return v < 0.1 ? `${(v * 100).toFixed(1)}%` : `${Math.round(v * 100)}%`;
}

export function countText(n: number, language: string): string {
  return new Intl.NumberFormat(language).format(n);
}
