/**
 * The presenter's keys: Enter (or Space) goes on, `s` skips, `q` quits, Ctrl-C interrupts. On a
 * terminal each key counts as pressed (raw mode); there a key that arrives while nothing waits is
 * dropped, except quit and interrupt, which reach `onStop` at once so a running step is stopped
 * (and cleaned up) without waiting for it. From a pipe each line counts ("", "s", "q"), in order:
 * the lines are a script.
 */
export type Key = 'next' | 'skip' | 'quit' | 'interrupt';

export interface KeyInput {
  isTTY?: boolean;
  setRawMode?(raw: boolean): unknown;
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  removeAllListeners(event: 'data' | 'end'): unknown;
  resume(): unknown;
  pause(): unknown;
}

export interface Keys {
  /** The next key; after `autoSeconds` (if given) "next" without one. */
  wait(autoSeconds?: number): Promise<Key>;
  /** Called with quit or interrupt pressed while no screen waits (a step is running). */
  onStop(listener: (key: 'quit' | 'interrupt') => void): void;
  close(): void;
}

export function keyOf(press: string, raw: boolean): Key | undefined {
  if (press === '\u0003') return 'interrupt';
  if (raw && (press === '\r' || press === '\n' || press === ' ')) return 'next';
  if (!raw && press.trim() === '') return 'next';
  const letter = press.trim().toLowerCase();
  if (letter === 's') return 'skip';
  if (letter === 'q' || press === '\u0004') return 'quit';
  return undefined;
}

export function readKeys(input: KeyInput): Keys {
  const raw = Boolean(input.isTTY && input.setRawMode);
  let waiting: {settle(key: Key): void; auto: boolean} | undefined;
  let stop: ((key: 'quit' | 'interrupt') => void) | undefined;
  let ended = false;
  let pending = '';
  // Lines from a pipe are a script: each is kept until a screen waits for it.
  const queued: Key[] = [];
  const press = (key: Key | undefined) => {
    if (!key) return;
    if (waiting) waiting.settle(key);
    else if (!raw) queued.push(key);
    else if (key === 'quit' || key === 'interrupt') stop?.(key);
  };
  if (raw) input.setRawMode!(true);
  input.on('data', (chunk) => {
    const text = chunk.toString();
    if (raw) {
      for (const character of text) press(keyOf(character, true));
      return;
    }
    pending += text;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) press(keyOf(line, false));
  });
  input.on('end', () => {
    ended = true;
    if (waiting && !waiting.auto) waiting.settle('quit');
  });
  input.resume();
  return {
    wait(autoSeconds) {
      return new Promise<Key>((resolve) => {
        const timer =
          autoSeconds === undefined ? undefined : setTimeout(() => settle('next'), Math.max(0, autoSeconds) * 1000);
        function settle(key: Key) {
          clearTimeout(timer);
          waiting = undefined;
          resolve(key);
        }
        const next = queued.shift();
        if (next) return settle(next);
        // Without keys to come nothing can go on, unless the demo advances by itself.
        if (ended && autoSeconds === undefined) return settle('quit');
        waiting = {settle, auto: autoSeconds !== undefined};
      });
    },
    onStop(listener) {
      stop = listener;
    },
    close() {
      waiting = undefined;
      input.removeAllListeners('data');
      input.removeAllListeners('end');
      if (raw) input.setRawMode!(false);
      input.pause();
    },
  };
}
