/**
 * The Velero server (v1.18.1) as the runbooks observe it through kubectl: it validates the backup
 * storage location against the object store (plugin present, config parseable, credentials and
 * bucket right) and reports Available or Unavailable with a message; it runs backups (New ->
 * InProgress -> Completed, PartiallyFailed, or FailedValidation when the location is unavailable)
 * by copying the included namespaces into the bucket, restores them (existing objects are kept),
 * processes delete requests and accepts schedules. Sources: velero v1.18.1 `pkg/controller/
 * backup_storage_location_controller.go` (phases and the "is unavailable" message),
 * `pkg/controller/backup_controller.go` (FailedValidation when the location is unavailable),
 * `pkg/restore/restore.go` (existing objects are skipped with a warning), and for volume data the
 * files named at `backUpPodVolumes` below.
 */
import type {KubeObject} from '../../kube';
import {podSpecOf, secretValue, type SimCluster} from '../cluster';
import type {SimController, SimWorld} from '../world';
import {podSpec, podVolumes, volumeFiles} from './storage';

export const VELERO_NAMESPACE = 'velero';
export const AWS_PLUGIN = 'velero/velero-plugin-for-aws';
const VALIDATE_READS = 2;
const PROGRESS_READS = 2;

export const TERMINAL_PHASES = ['Completed', 'PartiallyFailed', 'Failed', 'FailedValidation'];

interface LocationSpec {
  provider?: string;
  objectStorage?: {bucket?: string; prefix?: string};
  config?: Record<string, string>;
}

export function veleroInstalled(cluster: SimCluster): boolean {
  return Boolean(cluster.find('Deployment', 'velero', VELERO_NAMESPACE));
}

/** Why the location cannot be used, in Velero's words, or undefined when it is Available. */
function locationProblem(cluster: SimCluster, world: SimWorld, location: KubeObject): string | undefined {
  const velero = cluster.find('Deployment', 'velero', VELERO_NAMESPACE);
  const plugins = (podSpecOf(velero).initContainers ?? []).map((container) => container.image ?? '');
  const spec = (location.spec ?? {}) as LocationSpec;
  if (spec.provider === 'aws' && !plugins.some((image) => image.startsWith(`${AWS_PLUGIN}:`)))
    return 'unable to locate ObjectStore plugin named velero.io/aws';
  const config = spec.config ?? {};
  const pathStyle = config.s3ForcePathStyle;
  if (pathStyle !== undefined && !['true', 'false', '1', '0'].includes(pathStyle)) {
    return `could not parse s3ForcePathStyle (expected bool): strconv.ParseBool: parsing ${JSON.stringify(pathStyle)}: invalid syntax`;
  }
  const url = config.s3Url ?? '';
  const store = world.objectStores.get(url);
  if (!store)
    return `rpc error: code = Unknown desc = RequestError: send request failed\ncaused by: Head "${url}/${spec.objectStorage?.bucket}": dial tcp: lookup ${safeHost(url)}: no such host`;
  const ini = secretValue(cluster, VELERO_NAMESPACE, 'cloud-credentials', 'cloud') ?? '';
  const credentials = {
    accessKey: /aws_access_key_id\s*=\s*(\S+)/.exec(ini)?.[1],
    secretKey: /aws_secret_access_key\s*=\s*(\S+)/.exec(ini)?.[1],
  };
  const refusal = store.refusal(credentials, spec.objectStorage?.bucket ?? '');
  return refusal && `rpc error: code = Unknown desc = operation error S3: HeadBucket, ${refusal}`;
}

function safeHost(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

function validate(cluster: SimCluster, world: SimWorld, location: KubeObject): boolean {
  const problem = locationProblem(cluster, world, location);
  location.status = problem
    ? {
        phase: 'Unavailable',
        message: `BackupStorageLocation "${location.metadata.name}" is unavailable: ${problem}`,
        lastValidationTime: '2026-01-02T15:04:05Z',
      }
    : {phase: 'Available', lastValidationTime: '2026-01-02T15:04:05Z', lastSyncedTime: '2026-01-02T15:04:05Z'};
  return !problem;
}

function storeOf(cluster: SimCluster, world: SimWorld, locationName = 'default') {
  const location = cluster.find('BackupStorageLocation', locationName, VELERO_NAMESPACE);
  const spec = (location?.spec ?? {}) as LocationSpec;
  return {
    location,
    bucket: world.objectStores.get(spec.config?.s3Url ?? '')?.buckets.get(spec.objectStorage?.bucket ?? ''),
  };
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export const veleroController: SimController = (cluster, object, world, change) => {
  if (change === 'deleted' || object.metadata.namespace !== VELERO_NAMESPACE) return;
  switch (object.kind) {
    case 'BackupStorageLocation':
      object.status = {phase: 'Unknown'};
      cluster.later(VALIDATE_READS, () => void validate(cluster, world, object));
      return;
    case 'Schedule': {
      const cron = String((object.spec as {schedule?: string} | undefined)?.schedule ?? '');
      object.status =
        cron.trim().split(/\s+/).length === 5 || cron.startsWith('@')
          ? {phase: 'Enabled'}
          : {
              phase: 'FailedValidation',
              validationErrors: [
                `invalid schedule: expected exactly 5 fields, found ${cron.trim().split(/\s+/).length}: ${cron}`,
              ],
            };
      return;
    }
    case 'Backup':
      return runBackup(cluster, world, object);
    case 'Restore':
      return runRestore(cluster, world, object);
    case 'DeleteBackupRequest':
      return deleteBackup(cluster, world, object);
    default:
      return;
  }
};

function runBackup(cluster: SimCluster, world: SimWorld, backup: KubeObject): void {
  if (backup.status?.phase) return;
  backup.status = {phase: 'New'};
  cluster.later(1, () => {
    const {location, bucket} = storeOf(cluster, world);
    if (!location || !validate(cluster, world, location) || !bucket) {
      backup.status = {
        phase: 'FailedValidation',
        validationErrors: ["backup can't be created because BackupStorageLocation default is in Unavailable status."],
      };
      return;
    }
    backup.status = {phase: 'InProgress', startTimestamp: '2026-01-02T15:04:05Z'};
    const spec = (backup.spec ?? {}) as {includedNamespaces?: string[]; defaultVolumesToFsBackup?: boolean};
    const namespaces = spec.includedNamespaces ?? [];
    const items = cluster.objects.filter(
      (item) =>
        (item.kind === 'Namespace' && namespaces.includes(item.metadata.name)) ||
        namespaces.includes(item.metadata.namespace ?? ''),
    );
    cluster.later(PROGRESS_READS, () => {
      const volumes = backUpPodVolumes(cluster, backup, items, spec.defaultVolumesToFsBackup === true);
      bucket.set(`backups/${backup.metadata.name}`, copy(items.map(({status: _status, ...rest}) => rest)));
      bucket.set(`backups/${backup.metadata.name}/volumes`, volumes.data);
      const failure = world.faults.backupPartiallyFails ?? volumes.errors[0];
      const errors = world.faults.backupPartiallyFails ? 1 : volumes.errors.length;
      backup.status = failure
        ? {
            phase: 'PartiallyFailed',
            errors,
            warnings: volumes.warnings,
            failureReason: failure,
            progress: {itemsBackedUp: items.length, totalItems: items.length + 1},
          }
        : {
            phase: 'Completed',
            errors: 0,
            warnings: volumes.warnings,
            progress: {itemsBackedUp: items.length, totalItems: items.length},
            completionTimestamp: '2026-01-02T15:04:35Z',
          };
    });
  });
}

function runRestore(cluster: SimCluster, world: SimWorld, restore: KubeObject): void {
  if (restore.status?.phase) return;
  restore.status = {phase: 'New'};
  const from = String((restore.spec as {backupName?: string} | undefined)?.backupName ?? '');
  cluster.later(1, () => {
    const backup = cluster.find('Backup', from, VELERO_NAMESPACE);
    const saved = storeOf(cluster, world).bucket?.get(`backups/${from}`) as KubeObject[] | undefined;
    if (!backup || !saved) {
      restore.status = {
        phase: 'FailedValidation',
        validationErrors: [`Error retrieving backup: backups.velero.io "${from}" not found`],
      };
      return;
    }
    restore.status = {phase: 'InProgress'};
    cluster.later(PROGRESS_READS, () => {
      let warnings = 0;
      // Namespaces first, as Velero restores them, and pods after the claims they mount; existing
      // objects are left alone (a warning each).
      const order = (item: KubeObject) => (item.kind === 'Namespace' ? 0 : item.kind === 'Pod' ? 2 : 1);
      for (const item of [...saved].sort((a, b) => order(a) - order(b))) {
        if (cluster.find(item.kind ?? '', item.metadata.name, item.metadata.namespace)) {
          warnings++;
          continue;
        }
        const restored = copy(item);
        if (restored.kind === 'PersistentVolumeClaim') resetVolumeBinding(restored);
        cluster.upsert(restored);
        world.react(cluster, restored);
      }
      const volumes = (storeOf(cluster, world).bucket?.get(`backups/${from}/volumes`) ?? []) as SavedPodVolume[];
      restorePodVolumes(cluster, restore, volumes);
      restore.status = {
        phase: 'Completed',
        errors: 0,
        warnings,
        progress: {itemsRestored: saved.length, totalItems: saved.length},
      };
    });
  });
}

// ---------------------------------------------------------------------------------------------
// File system backup of pod volumes (the node agent, with kopia)

interface SavedPodVolume {
  namespace: string;
  pod: string;
  volume: string;
  files: Array<[string, string]>;
}

/**
 * Which volumes of a pod are backed up: with `defaultVolumesToFsBackup`, every volume but hostPath,
 * Secret, ConfigMap, projected and downwardAPI ones and those the pod excludes with
 * `backup.velero.io/backup-volumes-excludes`; without it, only those the pod opts in with
 * `backup.velero.io/backup-volumes` (velero v1.18.1 `pkg/util/podvolume/pod_volume.go`
 * `GetVolumesByPod`, `GetVolumesToBackup`).
 */
function volumesToBackUp(pod: KubeObject, byDefault: boolean): string[] {
  const annotations = (pod.metadata.annotations ?? {}) as Record<string, string>;
  const listed = (key: string) =>
    (annotations[key] ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
  if (!byDefault) return listed('backup.velero.io/backup-volumes');
  const excluded = listed('backup.velero.io/backup-volumes-excludes');
  return (podSpec(pod).volumes ?? [])
    .filter((volume) => {
      const sources = volume as Record<string, unknown>;
      return (
        !['hostPath', 'secret', 'configMap', 'projected', 'downwardAPI'].some((source) => source in sources) &&
        !excluded.includes(volume.name) &&
        !volume.name.startsWith('default-token')
      );
    })
    .map((volume) => volume.name);
}

/**
 * velero v1.18.1 `pkg/podvolume/backupper.go` `BackupPodVolumes`: a pod that is not Running is
 * skipped; without a running node agent on the pod's node every volume fails ("daemonset pod not
 * found in running state in node %s", `pkg/nodeagent/node_agent.go`); a volume on a hostPath PV
 * (kind's default local-path volumes) is skipped with a warning, and the backup still Completes.
 * Each volume backed up gets a PodVolumeBackup labelled `velero.io/backup-name`.
 */
function backUpPodVolumes(
  cluster: SimCluster,
  backup: KubeObject,
  items: KubeObject[],
  byDefault: boolean,
): {data: SavedPodVolume[]; warnings: number; errors: string[]} {
  const result = {data: [] as SavedPodVolume[], warnings: 0, errors: [] as string[]};
  const nodeAgent = cluster.find('DaemonSet', 'node-agent', VELERO_NAMESPACE);
  const nodeAgentRunning = Number(nodeAgent?.status?.numberReady ?? 0) > 0;
  for (const pod of items.filter((item) => item.kind === 'Pod')) {
    const wanted = volumesToBackUp(pod, byDefault);
    if (!wanted.length || pod.status?.phase !== 'Running') continue;
    const node = podSpec(pod).nodeName ?? `${cluster.name}-control-plane`;
    if (!nodeAgentRunning) {
      result.errors.push(`daemonset pod not found in running state in node ${node}`);
      continue;
    }
    for (const {name, volume} of podVolumes(cluster, pod).filter((candidate) => wanted.includes(candidate.name))) {
      if (!volume || (volume.spec as {hostPath?: unknown}).hostPath) {
        result.warnings++;
        continue;
      }
      result.data.push({
        namespace: pod.metadata.namespace ?? '',
        pod: pod.metadata.name,
        volume: name,
        files: [...volumeFiles(cluster, volume)],
      });
      cluster.upsert({
        apiVersion: 'velero.io/v1',
        kind: 'PodVolumeBackup',
        metadata: {
          name: `${backup.metadata.name}-${result.data.length}`,
          namespace: VELERO_NAMESPACE,
          labels: {'velero.io/backup-name': backup.metadata.name},
        },
        spec: {
          node,
          pod: {kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name},
          volume: name,
          backupStorageLocation: 'default',
          uploaderType: 'kopia',
        },
        status: {phase: 'Completed'},
      });
    }
  }
  return result;
}

/**
 * velero v1.18.1 `pkg/restore/restore.go`: a claim whose volume has a pod volume backup is restored
 * without its `volumeName` and binding annotations (`resetVolumeBindingInfo`), so the class
 * provisions a new, empty volume that the node agent fills before the pod's containers start.
 */
function resetVolumeBinding(claim: KubeObject): void {
  delete (claim.spec as {volumeName?: string} | undefined)?.volumeName;
  const annotations = claim.metadata.annotations as Record<string, string> | undefined;
  for (const key of [
    'pv.kubernetes.io/bind-completed',
    'pv.kubernetes.io/bound-by-controller',
    'volume.kubernetes.io/selected-node',
  ])
    delete annotations?.[key];
}

function restorePodVolumes(cluster: SimCluster, restore: KubeObject, saved: SavedPodVolume[]): void {
  saved.forEach((entry, index) => {
    const pod = cluster.find('Pod', entry.pod, entry.namespace);
    const volume = pod && podVolumes(cluster, pod).find((candidate) => candidate.name === entry.volume)?.volume;
    if (!volume) return;
    const files = volumeFiles(cluster, volume);
    for (const [file, content] of entry.files) files.set(file, content);
    cluster.upsert({
      apiVersion: 'velero.io/v1',
      kind: 'PodVolumeRestore',
      metadata: {
        name: `${restore.metadata.name}-${index + 1}`,
        namespace: VELERO_NAMESPACE,
        labels: {'velero.io/restore-name': restore.metadata.name},
      },
      spec: {
        pod: {kind: 'Pod', namespace: entry.namespace, name: entry.pod},
        volume: entry.volume,
        uploaderType: 'kopia',
      },
      status: {phase: 'Completed'},
    });
  });
}

function deleteBackup(cluster: SimCluster, world: SimWorld, request: KubeObject): void {
  const name = String((request.spec as {backupName?: string} | undefined)?.backupName ?? '');
  request.status = {phase: 'InProgress'};
  cluster.later(1, () => {
    const bucket = storeOf(cluster, world).bucket;
    bucket?.delete(`backups/${name}`);
    bucket?.delete(`backups/${name}/volumes`);
    cluster.remove('Backup', name, VELERO_NAMESPACE);
    for (const record of cluster.objects.filter(
      (item) => item.kind === 'PodVolumeBackup' && item.metadata.labels?.['velero.io/backup-name'] === name,
    ))
      cluster.remove('PodVolumeBackup', record.metadata.name, VELERO_NAMESPACE);
    for (const restore of cluster.objects.filter(
      (item) => item.kind === 'Restore' && (item.spec as {backupName?: string} | undefined)?.backupName === name,
    )) {
      cluster.remove('Restore', restore.metadata.name, VELERO_NAMESPACE);
    }
    cluster.remove('DeleteBackupRequest', request.metadata.name, VELERO_NAMESPACE);
  });
}
