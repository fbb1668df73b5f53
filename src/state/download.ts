/** Hands a file to the browser's download (below ui/ and actions/, which both use it). */
export function download(fileName: string, blob: Blob): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = fileName;
  a.click();
  // Revoked later: Chromium starts the download asynchronously.
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** A file name stamp like 2025-01-31-1405. */
export function stamp(date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}`;
}
