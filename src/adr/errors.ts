/** Bad command-line input (unknown command, missing argument, no such record): exit code 2. */
export class AdrUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdrUsageError';
  }
}

/** A well-formed request the records do not allow (e.g. superseding an already superseded record): exit code 1. */
export class AdrRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdrRefusedError';
  }
}
