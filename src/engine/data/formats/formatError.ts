// A file in a dataset format (IDX, CIFAR-10 binary) whose bytes are not what the format promises. Shared by
// the set-up pipeline (datasets/, Node) and the app's own-dataset import (browser): both name the file.

export class SourceFormatError extends Error {
  readonly file: string;
  /** What is wrong with it, without the file name. */
  readonly problem: string;
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'SourceFormatError';
    this.file = file;
    this.problem = problem;
  }
}
