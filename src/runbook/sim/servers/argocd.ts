/**
 * ArgoCD's application controller (v3.1.7, the version idpbuilder v0.10.1 installs), as far as the
 * runbooks observe it: an Application turns OutOfSync, then Synced at the head revision of its
 * source with its manifests applied, then Healthy; a refresh (the `argocd.argoproj.io/refresh`
 * annotation) syncs a new commit; deleting an Application with the resources finalizer deletes
 * what it deployed. Faults keep applications Progressing or serve a stale revision.
 *
 * Sources: argoproj/argo-cd docs (main) `docs/user-guide/auto_sync.md` (automated sync),
 * `docs/user-guide/app_deletion.md` (the resources finalizer), `docs/user-guide/annotations-and-labels.md`
 * (the refresh annotation);
 * idpbuilder v0.10.1 `pkg/controllers/localbuild/gitea.go` (repoURLs point at Gitea's external
 * URL, which the CoreDNS rewrite of `pkg/build/build.go` sends to the ingress inside the cluster).
 * Not modelled: multi-source applications (spark-operator uses `sources`), sync waves and hooks,
 * health of individual kinds, permanent OutOfSync diffs, image pull failures other than by fault.
 */
import YAML from 'yaml';
import type {KubeObject} from '../../kube';
import {kindInfo} from '../clis/kubectl';
import type {SimCluster} from '../cluster';
import {reach} from '../network';
import type {SimController, SimWorld} from '../world';
import {head} from './git-host';

export const REFRESH_ANNOTATION = 'argocd.argoproj.io/refresh';
export const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';
const INSTANCE_LABEL = 'app.kubernetes.io/instance';

// API reads between the steps of a sync, as in a healthy cluster.
const SYNC_READS = 1;
const HEALTH_READS = 2;

/** Objects an application deploys besides its Git files (charts, generated secrets), by cluster and app. */
const extraObjects = new WeakMap<SimCluster, Map<string, () => KubeObject[]>>();

/** Made once: a generated password stays what it was on the first sync, as with an ExternalSecret. */
export function deploysAlso(cluster: SimCluster, application: string, objects: () => KubeObject[]): void {
  if (!extraObjects.has(cluster)) extraObjects.set(cluster, new Map());
  if (extraObjects.get(cluster)!.has(application)) return;
  let made: KubeObject[] | undefined;
  extraObjects
    .get(cluster)!
    .set(application, () => (made ??= objects()).map((object) => JSON.parse(JSON.stringify(object)) as KubeObject));
}

interface ApplicationStatus {
  sync?: {status: string; revision?: string};
  health?: {status: string; message?: string};
  operationState?: {phase: string; message: string; syncResult?: {revision: string}};
  conditions?: Array<{type: string; message: string}>;
  resources?: Array<{
    kind: string;
    name: string;
    namespace?: string;
    status: string;
    health?: {status: string; message?: string};
  }>;
}

interface ApplicationSpec {
  source?: {repoURL?: string; path?: string; targetRevision?: string; chart?: string};
  destination?: {namespace?: string};
  syncPolicy?: {syncOptions?: string[]};
}

export const argocdController: SimController = (cluster, object, world, change) => {
  if (object.kind !== 'Application') return;
  if (change === 'deleted') return prune(cluster, object, world);
  const annotations = (object.metadata.annotations ?? {}) as Record<string, string>;
  delete annotations[REFRESH_ANNOTATION];
  reconcile(cluster, object, world);
};

function statusOf(application: KubeObject): ApplicationStatus {
  return (application.status ??= {}) as ApplicationStatus;
}

function reconcile(cluster: SimCluster, application: KubeObject, world: SimWorld): void {
  const status = statusOf(application);
  const synced = status.sync?.revision;
  const target =
    world.faults.argocdServesStaleRevision && synced
      ? {revision: synced, files: undefined}
      : targetOf(world, application);
  if ('error' in target) {
    status.sync = {status: 'Unknown', revision: synced};
    status.conditions = [{type: 'ComparisonError', message: target.error}];
    return;
  }
  if (status.sync?.status === 'Synced' && synced === target.revision) return;
  status.sync = {status: 'OutOfSync', revision: synced};
  status.health ??= {status: 'Missing'};
  cluster.later(SYNC_READS, () => {
    const deployed = deploy(cluster, application, world, target.files);
    status.sync = {status: 'Synced', revision: target.revision};
    status.conditions = undefined;
    status.resources = deployed.map((object) => ({
      kind: object.kind ?? '',
      name: object.metadata.name,
      namespace: object.metadata.namespace,
      status: 'Synced',
      health: {status: 'Progressing'},
    }));
    status.health = {status: 'Progressing'};
    const stuck = world.faults.stuckApplications?.[application.metadata.name];
    const waitingFor =
      stuck?.resource ?? (deployed[0] ? `${deployed[0].kind}/${deployed[0].metadata.name}` : 'resources');
    status.operationState = {
      phase: 'Running',
      message: `waiting for healthy state of ${waitingFor}`,
      syncResult: {revision: target.revision},
    };
    if (stuck) {
      const [kind = '', name = ''] = stuck.resource.split('/');
      status.resources = [
        ...status.resources.filter((resource) => !(resource.kind === kind && resource.name === name)),
        {kind, name, status: 'Synced', health: {status: 'Progressing', message: stuck.message}},
      ];
      return;
    }
    cluster.later(HEALTH_READS, () => {
      status.health = {status: 'Healthy'};
      for (const resource of status.resources ?? []) resource.health = {status: 'Healthy'};
      status.operationState = {
        phase: 'Succeeded',
        message: 'successfully synced (all tasks run)',
        syncResult: {revision: target.revision},
      };
    });
  });
}

/**
 * The revision to sync and, for Git sources in Gitea, the files at that revision. Gitea is
 * reached at the URL in the Application, through the same ingress routes a client on the host
 * uses; anything else is an upstream chart or repository.
 */
function targetOf(
  world: SimWorld,
  application: KubeObject,
): {revision: string; files?: Record<string, string>} | {error: string} {
  const source = (application.spec as ApplicationSpec | undefined)?.source ?? {};
  const repoURL = source.repoURL ?? '';
  const reached = /^https?:\/\//.test(repoURL) ? reach(world.listeners, new URL(repoURL)) : undefined;
  if (!reached?.backend.git) {
    // Upstream charts and repositories: a revision that follows what is asked for.
    return {
      revision: Buffer.from(`${repoURL}@${source.targetRevision ?? 'HEAD'}`)
        .toString('hex')
        .slice(0, 40)
        .padEnd(40, '0'),
    };
  }
  const repository = reached.backend.git.repositoryAt(reached.path);
  const commit = repository && head(repository);
  if (!commit) {
    return {
      error: `Failed to load target state: failed to generate manifest for source 1 of 1: rpc error: code = Unknown desc = failed to list refs: repository not found: ${repoURL}`,
    };
  }
  const path = (source.path ?? '.').replace(/^\.\/?/, '');
  const files = Object.fromEntries(
    Object.entries(commit.files).filter(([file]) => !path || file.startsWith(`${path}/`)),
  );
  return {revision: commit.sha, files};
}

function deploy(
  cluster: SimCluster,
  application: KubeObject,
  world: SimWorld,
  files: Record<string, string> | undefined,
): KubeObject[] {
  const spec = (application.spec ?? {}) as ApplicationSpec;
  const namespace = spec.destination?.namespace ?? 'default';
  if (spec.syncPolicy?.syncOptions?.includes('CreateNamespace=true') && !cluster.find('Namespace', namespace)) {
    cluster.upsert({apiVersion: 'v1', kind: 'Namespace', metadata: {name: namespace}, status: {phase: 'Active'}});
  }
  const fromGit = Object.entries(files ?? {})
    .filter(([file]) => /\.ya?ml$/.test(file))
    .flatMap(([, text]) => YAML.parseAllDocuments(text).map((document) => document.toJSON() as KubeObject | null))
    .filter((object): object is KubeObject => Boolean(object?.kind));
  const objects = [...fromGit, ...(extraObjects.get(cluster)?.get(application.metadata.name)?.() ?? [])];
  for (const object of objects) {
    if (kindInfo(object.kind ?? '').namespaced) object.metadata.namespace ??= namespace;
    object.metadata.labels = {...object.metadata.labels, [INSTANCE_LABEL]: application.metadata.name};
    if (cluster.upsert(object) !== 'unchanged') world.react(cluster, object);
  }
  return objects;
}

/** With the resources finalizer, deleting an Application deletes what it deployed (not its namespace). */
function prune(cluster: SimCluster, application: KubeObject, world: SimWorld): void {
  const finalizers = (application.metadata.finalizers ?? []) as string[];
  if (!finalizers.includes(RESOURCES_FINALIZER)) return;
  const owned = cluster.objects.filter(
    (object) => object.metadata.labels?.[INSTANCE_LABEL] === application.metadata.name && object.kind !== 'Namespace',
  );
  for (const object of owned) {
    cluster.remove(object.kind ?? '', object.metadata.name, object.metadata.namespace);
    world.react(cluster, object, 'deleted');
  }
}
