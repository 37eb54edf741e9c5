/**
 * The kube context a runbook works on: the kind cluster's, unless `--context` names another.
 * Its own module, so the step context can read it without importing the runbook model, which
 * imports the step context's type.
 */
export const KIND_CLUSTER = 'localdev';
export const KIND_CONTEXT = `kind-${KIND_CLUSTER}`;

export function kubeContextOf(options: {context?: string}): string {
  return options.context ?? KIND_CONTEXT;
}

/**
 * A context's name as one safe file name (`a/b`, `..`, spaces): the lock file of its runs and the
 * work folder of its runbooks are named with it.
 */
export function contextFileName(context: string): string {
  return encodeURIComponent(context).replace(/\./g, '%2E');
}
