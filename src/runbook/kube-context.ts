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
