/**
 * Records a run as an asciicast v2 transcript (https://docs.asciinema.org/manual/asciicast/v2/):
 * a JSON header line, then `[seconds, "o", text]` lines. It records the verbose plain log (every
 * command and its output), already redacted, which asciinema-player and `asciinema cat` replay.
 */
import type {Listener} from '../events';
import {formatEvent} from './format';

export interface Transcript {
  listener: Listener;
  /** The .cast file's content so far. */
  text(): string;
}

export function asciicastRecorder(title: string, clock: {now(): number} = Date): Transcript {
  const started = clock.now();
  const header = {version: 2, width: 120, height: 36, timestamp: Math.floor(started / 1000), title, env: {TERM: 'xterm-256color', SHELL: '/bin/bash'}};
  const lines = [JSON.stringify(header)];
  return {
    listener(event) {
      for (const line of formatEvent(event, {verbose: true})) {
        const seconds = Number(((clock.now() - started) / 1000).toFixed(6));
        // Terminals need CRLF; the red colour marks what went to stderr.
        const text = line.text.replace(/\n/g, '\r\n') + '\r\n';
        lines.push(JSON.stringify([seconds, 'o', line.stream === 'stderr' ? `\u001b[31m${text}\u001b[0m` : text]));
      }
    },
    text: () => lines.join('\n') + '\n',
  };
}
