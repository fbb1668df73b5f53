// Two kinds of failure, because they are reported differently: a dataset that cannot be
// reached (offline, no local copy) is a warning with a hint, while a source file that is
// present but wrong is an error the user must look at.

/** A source file exists but its contents are not what the format promises (shared with the app's import). */
export { SourceFormatError } from '../src/engine/data/formats/formatError';

/** No source could supply the dataset (no local copy, download failed or timed out). */
export class SourceUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SourceUnavailableError';
  }
}
