/** Plain timestamped lines: what CI logs and non-terminal output get. */
import type {Listener} from '../events';
import {formatEvent, type FormatOptions} from './format';

export interface Output {
  stdout: {write(text: string): unknown};
  stderr: {write(text: string): unknown};
}

export function plainReporter(output: Output, options: FormatOptions & {now?: () => Date}): Listener {
  const now = options.now ?? (() => new Date());
  return (event) => {
    for (const line of formatEvent(event, options)) {
      const stamp = now()
        .toISOString()
        .replace(/\.\d+Z$/, 'Z');
      output[line.stream].write(
        `${line.text
          .split('\n')
          .map((text) => `${stamp} ${text}`)
          .join('\n')}\n`,
      );
    }
  };
}
