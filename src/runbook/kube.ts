/**
 * Kubernetes reads and waits for runbooks. State is read as JSON (`kubectl get -o json`) and
 * judged in TypeScript, so a wait can say what it saw ("Progressing: Deployment backstage is
 * not ready") when it gives up, and the describe output of what it awaited is attached.
 */
import type {Duration} from './clock';
import {StepAssertionError, type DescribeTarget} from './errors';
import type {Shell} from './shell';
import type {ProbeResult} from './wait';

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: {name: string; namespace?: string; labels?: Record<string, string>; [key: string]: unknown};
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface KubeWait {
  /** What is awaited, in words: "node localdev-control-plane to be Ready". */
  what: string;
  /** `kind/name` or `kind` (for lists), as kubectl takes it. */
  resource: string;
  namespace?: string;
  /** Judges the object (undefined while it does not exist): true, or the state seen. */
  until(object: KubeObject | undefined): ProbeResult;
  timeout: Duration;
  interval?: Duration;
}

export interface KubeListWait extends Omit<KubeWait, 'until'> {
  until(items: KubeObject[]): ProbeResult;
}

type WaitFn = (
  what: string,
  probe: () => Promise<ProbeResult>,
  options: {timeout: Duration; interval?: Duration; describe?: DescribeTarget[]},
) => Promise<void>;

/** Reads a dotted path such as `.status.health.status` (the jsonpath subset runbooks need). */
export function fieldAt(object: unknown, path: string): unknown {
  let value: unknown = object;
  for (const key of path.replace(/^\./, '').split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** The status ('True', 'False', 'Unknown') of a condition such as Ready, or undefined. */
export function conditionStatus(object: KubeObject | undefined, type: string): string | undefined {
  const conditions = fieldAt(object, '.status.conditions');
  if (!Array.isArray(conditions)) return undefined;
  const condition = conditions.find((item: {type?: string}) => item.type === type) as {status?: string} | undefined;
  return condition?.status;
}

/**
 * What kubectl says when the API server does not serve a resource type, typically a custom
 * resource whose CRD is not installed yet. kubectl v1.34: cli-runtime `pkg/resource/builder.go`
 * ("the server doesn't have a resource type") for get/delete/describe, cli-runtime
 * `pkg/resource/mapper.go` with apimachinery's "no matches for kind" for apply. It exits 1, and
 * `--ignore-not-found` does not cover it (kubectl `pkg/cmd/get/get.go` ignores only NotFound).
 */
const UNKNOWN_RESOURCE_TYPE = /the server doesn't have a resource type|no matches for kind/;

/** True for a failed kubectl command whose stderr says the resource type is not known (yet). */
export function isUnknownResourceType(error: unknown): boolean {
  const stderr = (error as {stderr?: unknown} | null)?.stderr;
  return typeof stderr === 'string' && UNKNOWN_RESOURCE_TYPE.test(stderr);
}

export class Kube {
  constructor(
    private readonly kubectl: Shell,
    private readonly wait: WaitFn,
  ) {}

  /** The object, or undefined when it does not exist. */
  async get(resource: string, namespace?: string): Promise<KubeObject | undefined> {
    const output = await this
      .kubectl`get ${[resource, ...namespaceArgs(namespace), '--ignore-not-found', '-o', 'json']}`;
    const text = output.stdout.trim();
    return text ? (JSON.parse(text) as KubeObject) : undefined;
  }

  /** Items of a kind, in one namespace or (without one) in all. */
  async list(kind: string, namespace?: string): Promise<KubeObject[]> {
    const scope = namespace ? namespaceArgs(namespace) : ['-A'];
    const output = await this.kubectl`get ${[kind, ...scope, '-o', 'json']}`;
    return (JSON.parse(output.stdout) as {items: KubeObject[]}).items;
  }

  /**
   * Like `list`, but an empty list while the API server does not know the kind yet: for checks
   * and waits that run before the software that brings the CRD (ArgoCD, Velero) is installed.
   */
  async listIfKnown(kind: string, namespace?: string): Promise<KubeObject[]> {
    return this.list(kind, namespace).catch((error: unknown) => {
      if (isUnknownResourceType(error)) return [];
      throw error;
    });
  }

  /** Like `get`, but undefined while the API server does not know the resource type yet. */
  async getIfKnown(resource: string, namespace?: string): Promise<KubeObject | undefined> {
    return this.get(resource, namespace).catch((error: unknown) => {
      if (isUnknownResourceType(error)) return undefined;
      throw error;
    });
  }

  waitFor(spec: KubeWait): Promise<void> {
    return this.wait(spec.what, async () => spec.until(await this.get(spec.resource, spec.namespace)), {
      timeout: spec.timeout,
      interval: spec.interval,
      describe: [{resource: spec.resource, namespace: spec.namespace}],
    });
  }

  waitForList(spec: KubeListWait): Promise<void> {
    return this.wait(spec.what, async () => spec.until(await this.list(spec.resource, spec.namespace)), {
      timeout: spec.timeout,
      interval: spec.interval,
      describe: [{resource: spec.resource, namespace: spec.namespace}],
    });
  }

  /**
   * Waits until a Deployment is Available or a DaemonSet runs on every node, and ends the wait at
   * once when one of its pods cannot pull an image: a tag that does not exist never appears, so
   * waiting out the budget would only hide the image's name.
   */
  waitForRollout(resource: string, options: {namespace: string; timeout: Duration; what?: string}): Promise<void> {
    return this.wait(
      options.what ?? `${resource} to roll out`,
      async () => {
        const workload = await this.get(resource, options.namespace);
        const state = rolloutState(workload);
        if (state === true || !workload) return state;
        const stuck = imagePullFailures(await this.list('pods', options.namespace), workload)[0];
        if (stuck) {
          throw new StepAssertionError(
            `Pod ${stuck.pod} of ${resource} cannot pull the image ${stuck.image}: ${stuck.reason}${stuck.message ? ` (${stuck.message})` : ''}.`,
            `Check that the image and tag exist (docker pull ${stuck.image}); behind a proxy or with a rate-limited registry, give the cluster credentials or a mirror.`,
            [{resource: `pod/${stuck.pod}`, namespace: options.namespace}],
          );
        }
        return state;
      },
      {timeout: options.timeout, describe: [{resource, namespace: options.namespace}]},
    );
  }

  /** Waits until condition `type` is True (what `kubectl wait --for=condition=X` does). */
  waitForCondition(
    resource: string,
    type: string,
    options: {namespace?: string; timeout: Duration; what?: string},
  ): Promise<void> {
    return this.waitFor({
      what: options.what ?? `${resource} to be ${type}`,
      resource,
      namespace: options.namespace,
      timeout: options.timeout,
      until: (object) =>
        object
          ? conditionStatus(object, type) === 'True' || `${type}=${conditionStatus(object, type) ?? 'unknown'}`
          : 'not found',
    });
  }

  /** Waits until a field equals a value (what `kubectl wait --for=jsonpath=...=X` does). */
  waitForField(
    resource: string,
    path: string,
    expected: string,
    options: {namespace?: string; timeout: Duration; what?: string},
  ): Promise<void> {
    return this.waitFor({
      what: options.what ?? `${resource} ${path} to be ${expected}`,
      resource,
      namespace: options.namespace,
      timeout: options.timeout,
      until: (object) => {
        if (!object) return 'not found';
        const value = fieldAt(object, path);
        return value === expected || `${path}=${value === undefined ? '(unset)' : String(value)}`;
      },
    });
  }
}

/** True when a Deployment is Available or a DaemonSet is ready on every node it wants; else what was seen. */
function rolloutState(workload: KubeObject | undefined): ProbeResult {
  if (!workload) return 'not found';
  if (workload.kind === 'DaemonSet') {
    const ready = Number(fieldAt(workload, '.status.numberReady') ?? 0);
    const wanted = Number(fieldAt(workload, '.status.desiredNumberScheduled') ?? 0);
    return (wanted > 0 && ready === wanted) || `${ready}/${wanted} ready`;
  }
  return (
    conditionStatus(workload, 'Available') === 'True' ||
    `Available=${conditionStatus(workload, 'Available') ?? 'unknown'}`
  );
}

/**
 * The kubelet's reasons for a container that waits on its image (kubernetes v1.34
 * `pkg/kubelet/images/types.go`): ImagePullBackOff after a failed pull, InvalidImageName for a
 * reference that cannot be parsed. ErrImagePull alone is the first failure, which may be brief.
 */
const IMAGE_PULL_STUCK = new Set(['ImagePullBackOff', 'InvalidImageName']);

interface ContainerStatus {
  image?: string;
  state?: {waiting?: {reason?: string; message?: string}};
}

/** The workload's pods (by its selector's matchLabels) whose containers cannot get their image. */
export function imagePullFailures(
  pods: KubeObject[],
  workload: KubeObject,
): Array<{pod: string; image: string; reason: string; message?: string}> {
  const selector = (fieldAt(workload, '.spec.selector.matchLabels') ?? {}) as Record<string, string>;
  const selected = pods.filter((pod) =>
    Object.entries(selector).every(([key, value]) => pod.metadata.labels?.[key] === value),
  );
  return selected.flatMap((pod) =>
    [
      ...((fieldAt(pod, '.status.initContainerStatuses') ?? []) as ContainerStatus[]),
      ...((fieldAt(pod, '.status.containerStatuses') ?? []) as ContainerStatus[]),
    ]
      .filter((status) => IMAGE_PULL_STUCK.has(status.state?.waiting?.reason ?? ''))
      .map((status) => ({
        pod: pod.metadata.name,
        image: status.image ?? '',
        reason: status.state!.waiting!.reason!,
        message: status.state?.waiting?.message,
      })),
  );
}

function namespaceArgs(namespace: string | undefined): string[] {
  return namespace ? ['-n', namespace] : [];
}
