/**
 * Reads a Kubernetes Secret for a runbook: the command's output is held back (secretOutput), and
 * every decoded value is registered for redaction before the runbook can print anything, except
 * the keys named public (a user name that pages and notes may show).
 */
import type {StepContext} from './context';
import type {KubeObject} from './kube';

export async function readSecret(ctx: Pick<StepContext, 'kubectl' | 'secret'>, namespace: string, name: string, publicKeys: string[] = []): Promise<Record<string, string> | undefined> {
  const output = await ctx.kubectl({secretOutput: true})`get secret ${name} -n ${namespace} --ignore-not-found -o json`;
  const text = output.stdout.trim();
  if (!text) return undefined;
  const data = ((JSON.parse(text) as KubeObject).data ?? {}) as Record<string, string>;
  return Object.fromEntries(
    Object.entries(data).map(([key, value]) => {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      return [key, publicKeys.includes(key) ? decoded : ctx.secret(decoded)];
    }),
  );
}
