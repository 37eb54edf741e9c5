/**
 * Records a run as an asciicast v2 transcript (https://docs.asciinema.org/manual/asciicast/v2/):
 * a JSON header line, then `[seconds, "o", text]` lines. It records the verbose plain log (every
 * command and its output), already redacted, which asciinema-player and `asciinema cat` replay.
 */
import type {Listener} from '../events';
import type {Redactor} from '../redact';
import {formatEvent, type Line} from './format';

export interface Transcript {
  listener: Listener;
  /** The .cast file's content so far. */
  text(): string;
}

/**
 * Events arrive redacted with the secrets known when they were emitted; `redactor` masks the
 * recorded lines again in `text()`, with every secret registered by then, so a value printed
 * before the runbook registered it never reaches the file.
 */
export function asciicastRecorder(title: string, clock: {now(): number} = Date, redactor?: Redactor): Transcript {
  const started = clock.now();
  const header = {
    version: 2,
    width: 120,
    height: 36,
    timestamp: Math.floor(started / 1000),
    title,
    env: {TERM: 'xterm-256color', SHELL: '/bin/bash'},
  };
  const recorded: Array<{seconds: number; line: Line}> = [];
  return {
    listener(event) {
      for (const line of formatEvent(event, {verbose: true}))
        recorded.push({seconds: Number(((clock.now() - started) / 1000).toFixed(6)), line});
    },
    text() {
      const frames = recorded.map(({seconds, line}) => {
        // Terminals need CRLF; the red colour marks what went to stderr.
        const text = `${(redactor ? redactor.redact(line.text) : line.text).replace(/\n/g, '\r\n')}\r\n`;
        return JSON.stringify([seconds, 'o', line.stream === 'stderr' ? `\u001b[31m${text}\u001b[0m` : text]);
      });
      return `${[JSON.stringify(redactor ? redactor.redactDeep(header) : header), ...frames].join('\n')}\n`;
    },
  };
}
