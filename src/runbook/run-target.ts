/**
 * The cluster a run acts on, settled before anything runs, for `npm run runbook` and the live
 * `npm run demo` alike: the --context given (never an empty one), known to the kubeconfig, and
 * locked for this run alone.
 */
import os from 'node:os';
import path from 'node:path';
import {UsageError} from './errors';
import {acquireRunLock, type RunLock} from './lock';
import {kubeContexts} from './preflight';
import {posixQuote} from './shell';
import {didYouMean} from './suggest';
import type {Toolchain} from './toolchain';

/**
 * Long or odd input is shown shortened, with control characters as escapes (`\x1b`), so a message
 * stays readable and an escape sequence typed into an argument never reaches the terminal.
 */
export function shown(text: string): string {
  const short = text.length > 80 ? `${text.slice(0, 80)}…` : text;
  return short.replace(
    /[\u0000-\u001f\u007f-\u009f]/g,
    (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

/**
 * An empty --context (an unset `$CTX`) is refused: kubectl, helm and velero read an empty
 * context as "the current context", which may be any cluster (see sim/clis/kubectl.ts).
 */
export function checkedContext(context: string | undefined): string | undefined {
  if (context === undefined) return undefined;
  if (!context.trim())
    throw new UsageError(
      '--context is empty (an unset variable?). Name a context of your kubeconfig (kubectl config get-contexts), or leave --context out to use the kind cluster localdev.',
    );
  return context;
}

/**
 * An empty option value is an unset variable (`--report "$DIR"`), never a choice: read as "not
 * given" it would quietly drop the evidence asked for, switch velero-backup from --s3-url back to
 * MinIO or turn `--auto ""` into 0 seconds. --context has a message of its own (checkedContext).
 */
export function refuseEmptyValues(values: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(values)) {
    if (name !== 'context' && typeof value === 'string' && !value.trim())
      throw new UsageError(`--${name} is empty (an unset variable?). Give it a value, or leave --${name} out.`);
  }
}

export async function checkContextKnown(
  context: string,
  toolchain: Toolchain,
  root: string,
  signal: AbortSignal = new AbortController().signal,
): Promise<void> {
  const contexts = await kubeContexts(toolchain, root, signal);
  // Without kubectl the preflight reports the missing tool; nothing reaches a cluster before it.
  if (!contexts || contexts.includes(context)) return;
  const listed = contexts.length
    ? `It has: ${contexts.slice(0, 10).join(', ')}${contexts.length > 10 ? ', …' : ''}.`
    : 'It has no contexts.';
  throw new UsageError(
    `Context ${posixQuote(shown(context))} is not in your kubeconfig.${didYouMean(context, contexts)} ${listed}`,
  );
}

/**
 * Runs on the real toolchain lock in the machine's temporary folder; a simulated world lives in
 * one process, so simulated runs lock only where a test says (`lockDir`).
 */
export function lockCluster(context: string, id: string, toolchain: Toolchain, lockDir?: string): RunLock | undefined {
  const dir = lockDir ?? (toolchain.kind === 'real' ? machineLockDir() : undefined);
  return dir === undefined ? undefined : acquireRunLock(dir, context, id);
}

/**
 * One folder per user and machine, not per checkout: two clones of the repository reach the same
 * kind cluster. In the temporary folder, so a reboot (which also ends every run) clears it.
 */
function machineLockDir(): string {
  return path.join(os.tmpdir(), `edf-runbooks-${os.userInfo().uid}`);
}
