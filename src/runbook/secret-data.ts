/**
 * Reads a Kubernetes Secret for a runbook. The command's output is held back (secretOutput), and
 * only the keys the runbook asks for leave this function: those named secret are registered for
 * redaction first, those named plain (a user name, a client id) stay readable in notes and pages.
 * Keys nobody asked for are neither returned nor registered, so an ordinary value in the same
 * Secret (a database name such as "keycloak") is not masked everywhere.
 */
import type {StepContext} from './context';
import type {KubeObject} from './kube';
import {posixQuote} from './shell';

export interface SecretKeys {
  secret?: string[];
  plain?: string[];
}

/** The requested keys that the Secret has; undefined when the Secret does not exist. */
export async function readSecret(
  ctx: Pick<StepContext, 'kubectl' | 'kubeContext' | 'secret'>,
  namespace: string,
  name: string,
  keys: SecretKeys = {},
): Promise<Record<string, string> | undefined> {
  const output = await ctx.kubectl({secretOutput: true})`get secret ${name} -n ${namespace} --ignore-not-found -o json`;
  const text = output.stdout.trim();
  if (!text) return undefined;
  const data = ((JSON.parse(text) as KubeObject).data ?? {}) as Record<string, string>;
  const values: Record<string, string> = {};
  for (const key of [...(keys.secret ?? []), ...(keys.plain ?? [])]) {
    if (data[key] === undefined) continue;
    const decoded = Buffer.from(data[key], 'base64').toString('utf8');
    values[key] = keys.secret?.includes(key)
      ? ctx.secret(decoded, {command: secretKeyCommand(ctx.kubeContext, namespace, name, key)})
      : decoded;
  }
  return values;
}

/** A command that prints one key of a Secret, decoded: what a person runs to get the value the runbook read. */
export function secretKeyCommand(kubeContext: string, namespace: string, name: string, key: string): string {
  const path = `{.data.${key.replace(/\./g, '\\.')}}`;
  const words = ['kubectl', '--context', kubeContext, 'get', 'secret', name, '-n', namespace, '-o', `jsonpath=${path}`];
  return `${words.map(posixQuote).join(' ')} | base64 -d`;
}
