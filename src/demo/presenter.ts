/**
 * Writes screens to the presenter's terminal: commands are typed out character by character on a
 * terminal when the demo is paced by a person or a timer, and appear at once otherwise (a pipe,
 * or `--auto 0`), so a recording of the demo or a test is not slowed down.
 */
import type {Part, Style} from './screen';
import {styleFor} from './screen';

export interface Screen {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Presenter {
  style: Style;
  /** Whether colour codes may reach the screen. */
  colour: boolean;
  width: number;
  show(parts: Part[]): Promise<void>;
  line(text: string): void;
}

/** The whole command takes at most this long to type, however long it is. */
const TYPING_BUDGET_MS = 1200;
const MS_PER_CHARACTER = 15;

export function presenter(screen: Screen, options: {colour: boolean; typing: boolean}): Presenter {
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  return {
    style: styleFor(options.colour),
    colour: options.colour,
    width: Math.max(40, Math.min(screen.columns ?? 80, 100)),
    async show(parts) {
      for (const part of parts) {
        if (!part.typed || !options.typing) {
          screen.write(part.text);
          continue;
        }
        const delay = Math.min(MS_PER_CHARACTER, TYPING_BUDGET_MS / Math.max(1, part.text.length));
        for (const character of part.text) {
          screen.write(character);
          await pause(delay);
        }
      }
    },
    line(text) {
      screen.write(`${text}\n`);
    },
  };
}
