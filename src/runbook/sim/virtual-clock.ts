/**
 * The simulated world's time: a discrete-event clock. Nothing here reads the wall clock. Timers
 * (a wait's next poll, a command's time limit, a readiness deadline) sit in a queue, and time
 * jumps to the earliest one only when the simulated world is idle: no simulated process is
 * answering, no real file I/O is under way, and the event loop has turned a few times without
 * any of that starting again. So a 3-minute budget is spent by simulated events alone; a busy
 * or slow machine only makes the same sequence of events take longer to play.
 */
import {sleepOn, type Clock} from '../clock';

interface Timer {
  due: number;
  /** Creation order: timers due at the same moment fire in the order they were set. */
  order: number;
  fire(): void;
}

/**
 * Event-loop turns with nothing in flight before time may jump. Code between two commands may
 * yield to the event loop (zx settles piped output on later turns); waiting a handful of turns
 * keeps a pending deadline from overtaking it (`simulated-time.test.ts` fails with 0).
 */
const SETTLE_TURNS = 8;

/** Real I/O that a simulated run may still be waiting for (reading an asset, writing a report). */
function realIoPending(): boolean {
  return process.getActiveResourcesInfo().some((name) => name.startsWith('FSReq') || name.startsWith('FileHandle'));
}

export class VirtualClock implements Clock {
  private time: number;
  private readonly timers: Timer[] = [];
  private created = 0;
  private inFlight = 0;
  private settling = false;

  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  after(ms: number, fire: () => void): () => void {
    const timer: Timer = {due: this.time + Math.max(0, ms), order: this.created++, fire};
    const index = this.timers.findIndex((other) => other.due > timer.due);
    this.timers.splice(index === -1 ? this.timers.length : index, 0, timer);
    this.settle();
    return () => {
      const at = this.timers.indexOf(timer);
      if (at !== -1) this.timers.splice(at, 1);
    };
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(this, ms, signal);
  }

  /** Marks simulated work in flight (a process answering): time stands still until released. */
  hold(): () => void {
    this.inFlight++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight--;
      this.settle();
    };
  }

  /** How many timers are waiting (tests assert that a finished run leaves none behind). */
  get pending(): number {
    return this.timers.length;
  }

  /** Once the world is idle, moves time to the earliest timer and fires it; repeats while timers remain. */
  private settle(): void {
    if (this.settling || !this.timers.length || this.inFlight) return;
    this.settling = true;
    let quiet = 0;
    const turn = () => {
      if (this.inFlight) {
        // `hold`'s release settles again.
        this.settling = false;
        return;
      }
      quiet = realIoPending() ? 0 : quiet + 1;
      if (quiet < SETTLE_TURNS) return void setImmediate(turn);
      this.settling = false;
      const next = this.timers.shift();
      if (!next) return;
      this.time = Math.max(this.time, next.due);
      next.fire();
      this.settle();
    };
    setImmediate(turn);
  }
}
