/**
 * A simulated Kubernetes cluster: a store of objects plus "progressions" that change them as
 * the cluster is polled, the way nodes turn Ready and pods turn Running some time after kind
 * returns. Faults are progressions that never happen.
 */
import type {KubeObject} from '../kube';
import type {SimBackend} from './network';

export interface SimEvent {
  namespace: string;
  type: 'Normal' | 'Warning';
  reason: string;
  object: string;
  message: string;
}

interface Progression {
  afterReads: number;
  apply(cluster: SimCluster): void;
}

export class SimCluster {
  readonly objects: KubeObject[] = [];
  readonly events: SimEvent[] = [];
  /** How often the API was asked; simulated time. */
  reads = 0;
  /** What answers behind a Service, by `namespace/service` (Forgejo's HTTP, Gitea's HTTP). */
  readonly backends = new Map<string, SimBackend>();
  /**
   * The CustomResourceDefinitions installed, as `<plural>.<group>` (`applications.argoproj.io`).
   * A fresh kind cluster has none: the API server serves a custom resource type only once
   * whatever ships it (idpbuilder's ArgoCD, `velero install`) has created its CRD.
   */
  readonly crds = new Set<string>();
  /** What each PersistentVolume holds on the node's disk: PV name -> path inside the volume -> content. */
  readonly volumeData = new Map<string, Map<string, string>>();
  private progressions: Progression[] = [];

  constructor(
    readonly name: string,
    readonly kubernetesVersion: string,
    /** The kind config the cluster was created with, as given. */
    readonly config: string,
  ) {}

  /** Schedules a change `afterReads` API calls from now. */
  later(afterReads: number, apply: (cluster: SimCluster) => void): void {
    this.progressions.push({afterReads: this.reads + afterReads, apply});
  }

  /** One API call: time passes and due progressions happen. */
  tick(): void {
    this.reads++;
    const due = this.progressions.filter((progression) => progression.afterReads <= this.reads);
    this.progressions = this.progressions.filter((progression) => progression.afterReads > this.reads);
    for (const progression of due) progression.apply(this);
  }

  find(kind: string, name: string, namespace?: string): KubeObject | undefined {
    return this.objects.find(
      (object) =>
        object.kind === kind &&
        object.metadata.name === name &&
        (namespace === undefined || object.metadata.namespace === namespace),
    );
  }

  /** Creates or replaces an object (what `kubectl apply` does, without merge subtleties). */
  upsert(object: KubeObject): 'created' | 'configured' | 'unchanged' {
    const existing = this.find(object.kind ?? '', object.metadata.name, object.metadata.namespace);
    if (!existing) {
      this.objects.push(object);
      return 'created';
    }
    // Everything but status counts: a Secret has data instead of a spec.
    if (JSON.stringify(withoutStatus(existing)) === JSON.stringify(withoutStatus(object))) return 'unchanged';
    for (const key of Object.keys(existing)) if (key !== 'status' && !(key in object)) delete existing[key];
    Object.assign(existing, {...object, status: existing.status});
    return 'configured';
  }

  remove(kind: string, name: string, namespace?: string): boolean {
    const index = this.objects.findIndex(
      (object) =>
        object.kind === kind &&
        object.metadata.name === name &&
        (namespace === undefined || object.metadata.namespace === namespace),
    );
    if (index < 0) return false;
    this.objects.splice(index, 1);
    // Deleting a namespace deletes what lives in it.
    if (kind === 'Namespace') {
      for (let i = this.objects.length - 1; i >= 0; i--)
        if (this.objects[i]!.metadata.namespace === name) this.objects.splice(i, 1);
    }
    return true;
  }

  event(event: SimEvent): void {
    this.events.push(event);
  }
}

function withoutStatus(object: KubeObject): Omit<KubeObject, 'status'> {
  const {status: _status, ...rest} = object;
  return rest;
}

/** A Secret's value, decoded (what a pod sees through secretKeyRef), or undefined. */
export function secretValue(cluster: SimCluster, namespace: string, name: string, key: string): string | undefined {
  const data = cluster.find('Secret', name, namespace)?.data as Record<string, string> | undefined;
  const encoded = data?.[key];
  return encoded === undefined ? undefined : Buffer.from(encoded, 'base64').toString('utf8');
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {secretKeyRef?: {name: string; key: string}};
}

export interface SimContainer {
  name?: string;
  image?: string;
  command?: string[];
  args?: string[];
  env?: EnvVar[];
}

/** The pod template of a Deployment, StatefulSet, DaemonSet or Job. */
export function podSpecOf(object: KubeObject | undefined): {
  containers?: SimContainer[];
  initContainers?: SimContainer[];
} {
  return (
    (object?.spec as {template?: {spec?: {containers?: SimContainer[]; initContainers?: SimContainer[]}}} | undefined)
      ?.template?.spec ?? {}
  );
}

/** An environment variable as a pod sees it: a literal, or a key of a Secret in its namespace. */
export function envValue(
  cluster: SimCluster,
  namespace: string,
  env: EnvVar[] | undefined,
  name: string,
): string | undefined {
  const variable = env?.find((candidate) => candidate.name === name);
  const ref = variable?.valueFrom?.secretKeyRef;
  return ref ? secretValue(cluster, namespace, ref.name, ref.key) : variable?.value;
}

/** A Secret as the API server stores it: `stringData` is folded into base64 `data`. */
export function secretObject(
  namespace: string,
  name: string,
  values: Record<string, string>,
  labels?: Record<string, string>,
): KubeObject {
  const data = Object.fromEntries(
    Object.entries(values).map(([key, value]) => [key, Buffer.from(value).toString('base64')]),
  );
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {name, namespace, ...(labels ? {labels} : {})},
    type: 'Opaque',
    data,
  };
}

export function setCondition(
  object: KubeObject,
  type: string,
  status: 'True' | 'False' | 'Unknown',
  reason: string,
  message = '',
): void {
  const conditions = ((object.status ??= {}).conditions ??= []) as Array<{
    type: string;
    status: string;
    reason: string;
    message: string;
  }>;
  const existing = conditions.find((condition) => condition.type === type);
  if (existing) Object.assign(existing, {status, reason, message});
  else conditions.push({type, status, reason, message});
}
