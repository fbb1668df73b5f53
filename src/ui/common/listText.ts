// Lists and counts in the UI's language: "a, b, c" in English, "a、b、c" in Chinese (Intl.ListFormat),
// rather than a hard-coded ", " between Chinese words.

/** The items as one list in `language`, without "and" (settings and names, not a sentence). */
export function listText(items: readonly string[], language: string): string {
  return new Intl.ListFormat(language, { type: 'conjunction', style: 'narrow' }).format(items);
}
