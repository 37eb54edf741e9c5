/**
 * Simulated time is virtual: budgets are spent by simulated events, never by how fast the machine
 * is. Plans stay byte-identical under event-loop starvation, waits end at their stated budget
 * even when a probe never answers, and a run leaves no timer or process behind.
 */
import {afterEach, describe, expect, it} from 'vitest';
import bootstrap from '../../../runbooks/bootstrap';
import {EventBus} from '../../../src/runbook/events';
import {execute} from '../../../src/runbook/executor';
import {planRunbooks} from '../../../src/runbook/plan';
import {inDependencyOrder, loadRunbooks} from '../../../src/runbook/registry';
import {createSimWorld} from '../../../src/runbook/sim';
import {runningSimCommands} from '../../../src/runbook/sim/process';
import {VirtualClock} from '../../../src/runbook/sim/virtual-clock';
import {ROOT, runInSim, testRunbook} from './support';

async function planAll(values: Record<string, string> = {}): Promise<string> {
  const entries = await loadRunbooks(ROOT);
  const order = inDependencyOrder(entries, [...entries.keys()]);
  const plans = await planRunbooks(
    order.map((runbook) => ({runbook, sourceHash: entries.get(runbook.id)!.sourceHash})),
    {prerequisites: [], root: ROOT, options: {yes: true, verbose: false, values}},
    createSimWorld(),
  );
  return JSON.stringify(plans);
}

/** Blocks the event loop for `ms` at every turn, as a machine at load 15 would, until stopped. */
function starveEventLoop(ms: number): () => void {
  const timer = setInterval(() => {
    const until = performance.now() + ms;
    while (performance.now() < until) {
      // burn the CPU: nothing else on this thread gets a turn
    }
  }, 0);
  return () => clearInterval(timer);
}

let stopStarving = () => {};
afterEach(() => stopStarving());

describe('the virtual clock', () => {
  it('fires timers in order of due time, then of creation, and moves time only to them', async () => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    clock.after(3_000, () => fired.push(`late at ${clock.now()}`));
    clock.after(1_000, () => fired.push(`first at ${clock.now()}`));
    clock.after(1_000, () => fired.push(`second at ${clock.now()}`));
    await clock.sleep(5_000);
    expect(fired).toEqual(['first at 1000', 'second at 1000', 'late at 3000']);
    expect(clock.now()).toBe(5_000);
  });

  it('stands still while simulated work holds it, however long that work takes in real time', async () => {
    const clock = new VirtualClock();
    const release = clock.hold();
    let woke = false;
    void clock.sleep(60_000).then(() => (woke = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect({woke, now: clock.now()}).toEqual({woke: false, now: 0});
    release();
    await new Promise<void>((resolve) => clock.after(60_000, resolve));
    expect({woke, now: clock.now()}).toEqual({woke: true, now: 60_000});
  });

  it('cancels a timer and rejects a sleep on abort', async () => {
    const clock = new VirtualClock();
    const cancel = clock.after(1_000, () => expect.fail('cancelled timer fired'));
    cancel();
    const abort = new AbortController();
    const sleeping = clock.sleep(10_000, abort.signal);
    abort.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
    expect(clock.pending).toBe(0);
  });
});

describe('plans on simulated time', () => {
  it('are byte-identical when the event loop is starved between simulated ticks', async () => {
    const calm = await planAll();
    stopStarving = starveEventLoop(2);
    const starved = await planAll();
    stopStarving();
    expect(starved).toBe(calm);
  });

  it('are byte-identical from one planning to the next, with every option (--oidc registers a Keycloak client)', async () => {
    const first = await planAll({oidc: 'true'});
    expect(first).toContain('/clients/');
    expect(await planAll({oidc: 'true'})).toBe(first);
  });

  it('are byte-identical when every simulated command is slow to answer', async () => {
    const calm = await planAll();
    const world = createSimWorld();
    // Each answer takes 3 ms of real time (a busy machine): 3 min of budget would be gone in
    // 60 polls on a wall clock scaled 1:2000. On the virtual clock it costs nothing.
    const handle = world.handle.bind(world);
    world.handle = async (invocation) => {
      await new Promise((resolve) => setTimeout(resolve, 3));
      return handle(invocation);
    };
    const entries = await loadRunbooks(ROOT);
    const order = inDependencyOrder(entries, [...entries.keys()]);
    const slow = await planRunbooks(
      order.map((runbook) => ({runbook, sourceHash: entries.get(runbook.id)!.sourceHash})),
      {prerequisites: [], root: ROOT},
      world,
    );
    expect(JSON.stringify(slow)).toBe(calm);
  });
});

describe('waits on simulated time', () => {
  it('a kubectl get that never answers ends the wait at its stated budget and names the command', async () => {
    const world = createSimWorld();
    world.intercept(
      (argv) => argv.includes('get') && argv.includes('nodes'),
      () => 'hang',
    );
    const started = world.clock.now();
    const {result} = await runInSim(bootstrap, world);
    const failed = result.steps.find((step) => step.outcome === 'failed')!;
    expect(failed.id).toBe('nodes-ready');
    expect(failed.failure?.message).toBe(
      'Timed out after 3m waiting for every node to be Ready (last seen: no answer from kubectl --context kind-localdev get nodes -A -o json)',
    );
    expect(failed.durationMs).toBe(180_000);
    expect(world.clock.now() - started).toBeGreaterThanOrEqual(180_000);
    expect(runningSimCommands()).toEqual([]);
  });

  it('polls at the stated interval: a 3-minute wait that never succeeds probes 91 times', async () => {
    const world = createSimWorld();
    world.faults.nodeNeverReady = true;
    await runInSim(bootstrap, world);
    expect(world.ran('kubectl', '--context', 'kind-localdev', 'get', 'nodes')).toHaveLength(91);
  });

  it('a probe that runs several commands, with event-loop turns between them, never lets the deadline overtake it', async () => {
    const world = createSimWorld();
    let probes = 0;
    const runbook = testRunbook('several-commands', [
      {
        id: 'wait',
        title: 'Wait',
        why: 'Exercises the clock.',
        action: (ctx) =>
          ctx.waitFor(
            'the third probe',
            async () => {
              for (let command = 0; command < 3; command++) {
                await ctx.$`docker version`.nothrow();
                // Code between commands may yield to the event loop (zx settles piped output on later turns).
                for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
              }
              return ++probes === 3 || `probe ${probes}`;
            },
            {timeout: '1h', interval: '10s'},
          ),
      },
    ]);
    const {result} = await runInSim(runbook, world);
    expect(result.exitCode).toBe(0);
    expect(result.steps[0]!.durationMs).toBe(20_000);
    expect(world.clock.pending).toBe(0);
  });

  it('reports simulated durations: the run takes as long as its simulated waits, not as the CPU', async () => {
    const world = createSimWorld();
    world.faults.nodeNeverReady = true;
    const bus = new EventBus();
    const result = await execute({
      runbook: bootstrap,
      mode: 'up',
      options: {yes: true, verbose: false, values: {}},
      toolchain: world.toolchain(),
      bus,
      root: ROOT,
      signal: new AbortController().signal,
    });
    const ready = result.steps.find((step) => step.id === 'nodes-ready')!;
    expect(ready.durationMs).toBe(180_000);
    expect(ready.commands.length).toBeGreaterThan(0);
    expect(ready.commands.filter((command) => command.durationMs !== 0)).toEqual([]);
  });
});
