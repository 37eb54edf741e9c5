/**
 * What a person would type next when a step fails: `kubectl describe` of what was awaited and
 * the cluster's recent events. Collected automatically and attached to the failure.
 */
import type {ProcessPromise} from 'zx/core';
import type {StepContext} from './context';
import {StepAssertionError, WaitTimeoutError} from './errors';
import type {Diagnostic} from './events';

const EVENT_LINES = 25;

export async function collectDiagnostics(ctx: StepContext, error: unknown): Promise<Diagnostic[]> {
  const diagnostics: Diagnostic[] = [];
  const targets = error instanceof WaitTimeoutError || error instanceof StepAssertionError ? error.describe : [];
  for (const target of targets) {
    const scope = target.namespace ? ['-n', target.namespace] : [];
    diagnostics.push(
      await capture(`describe ${target.resource}`, ctx.kubectl`describe ${[target.resource, ...scope]}`),
    );
  }
  const events = await capture('recent events', ctx.kubectl`get events -A --sort-by=.lastTimestamp`);
  events.output = events.output.split('\n').slice(-EVENT_LINES).join('\n');
  diagnostics.push(events);
  return diagnostics;
}

async function capture(title: string, running: ProcessPromise): Promise<Diagnostic> {
  const output = await running.nothrow();
  const text = output.exitCode === 0 ? output.stdout : `(could not collect, exit ${output.exitCode}) ${output.stderr}`;
  return {title, command: running.cmd, output: text.trimEnd()};
}
