/** The tracker turns zx's output chunks into whole lines, whatever the chunk boundaries. */
import type {LogEntry} from 'zx/core';
import {describe, expect, it} from 'vitest';
import {CommandTracker} from '../../../src/runbook/shell';

function linesOf(chunks: Buffer[]): string[] {
  const lines: string[] = [];
  const tracker = new CommandTracker(
    {onCommand: () => {}, onOutput: (_record, _stream, line) => lines.push(line), onEnd: () => {}},
    {now: () => 0},
  );
  const log = (entry: Record<string, unknown>) => tracker.log(entry as unknown as LogEntry);
  log({kind: 'cmd', id: 'c1', cmd: 'printf', verbose: false});
  for (const data of chunks) log({kind: 'stdout', id: 'c1', data, verbose: false});
  log({kind: 'end', id: 'c1', exitCode: 0, signal: null, duration: 0, error: null, verbose: false});
  return lines;
}

describe('CommandTracker', () => {
  it('keeps a UTF-8 character whole when a chunk boundary splits it', () => {
    const text = Buffer.from('Größe: 42 µs\nnächste Zeile', 'utf8');
    const cut = text.indexOf(0xc3) + 1; // inside the two bytes of "ö"
    expect(linesOf([text.subarray(0, cut), text.subarray(cut)])).toEqual(['Größe: 42 µs', 'nächste Zeile']);
  });

  it('joins a line split across chunks', () => {
    expect(linesOf([Buffer.from('hel'), Buffer.from('lo\nwor'), Buffer.from('ld')])).toEqual(['hello', 'world']);
  });
});
