/**
 * The Velero server (v1.18) as the runbooks observe it through kubectl: it validates the backup
 * storage location against the object store (plugin present, config parseable, credentials and
 * bucket right) and reports Available or Unavailable with a message; it runs backups (New ->
 * InProgress -> Completed, PartiallyFailed, or FailedValidation when the location is unavailable)
 * by copying the included namespaces into the bucket, restores them (existing objects are kept),
 * processes delete requests and accepts schedules.
 */
import type {KubeObject} from '../../kube';
import {podSpecOf, secretValue, type SimCluster} from '../cluster';
import type {SimController, SimWorld} from '../world';

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
  if (spec.provider === 'aws' && !plugins.some((image) => image.startsWith(`${AWS_PLUGIN}:`))) return 'unable to locate ObjectStore plugin named velero.io/aws';
  const config = spec.config ?? {};
  const pathStyle = config.s3ForcePathStyle;
  if (pathStyle !== undefined && !['true', 'false', '1', '0'].includes(pathStyle)) {
    return `could not parse s3ForcePathStyle (expected bool): strconv.ParseBool: parsing ${JSON.stringify(pathStyle)}: invalid syntax`;
  }
  const url = config.s3Url ?? '';
  const store = world.objectStores.get(url);
  if (!store) return `rpc error: code = Unknown desc = RequestError: send request failed\ncaused by: Head "${url}/${spec.objectStorage?.bucket}": dial tcp: lookup ${safeHost(url)}: no such host`;
  const ini = secretValue(cluster, VELERO_NAMESPACE, 'cloud-credentials', 'cloud') ?? '';
  const credentials = {accessKey: /aws_access_key_id\s*=\s*(\S+)/.exec(ini)?.[1], secretKey: /aws_secret_access_key\s*=\s*(\S+)/.exec(ini)?.[1]};
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
    ? {phase: 'Unavailable', message: `BackupStorageLocation "${location.metadata.name}" is unavailable: ${problem}`, lastValidationTime: '2026-01-02T15:04:05Z'}
    : {phase: 'Available', lastValidationTime: '2026-01-02T15:04:05Z', lastSyncedTime: '2026-01-02T15:04:05Z'};
  return !problem;
}

function storeOf(cluster: SimCluster, world: SimWorld, locationName = 'default') {
  const location = cluster.find('BackupStorageLocation', locationName, VELERO_NAMESPACE);
  const spec = (location?.spec ?? {}) as LocationSpec;
  return {location, bucket: world.objectStores.get(spec.config?.s3Url ?? '')?.buckets.get(spec.objectStorage?.bucket ?? '')};
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
      object.status = cron.trim().split(/\s+/).length === 5 || cron.startsWith('@') ? {phase: 'Enabled'} : {phase: 'FailedValidation', validationErrors: [`invalid schedule: expected exactly 5 fields, found ${cron.trim().split(/\s+/).length}: ${cron}`]};
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
      backup.status = {phase: 'FailedValidation', validationErrors: ['backup can\'t be created because BackupStorageLocation default is in Unavailable status.']};
      return;
    }
    backup.status = {phase: 'InProgress', startTimestamp: '2026-01-02T15:04:05Z'};
    const namespaces = ((backup.spec as {includedNamespaces?: string[]} | undefined)?.includedNamespaces ?? []) as string[];
    const items = cluster.objects.filter((item) => (item.kind === 'Namespace' && namespaces.includes(item.metadata.name)) || namespaces.includes(item.metadata.namespace ?? ''));
    cluster.later(PROGRESS_READS, () => {
      bucket.set(`backups/${backup.metadata.name}`, copy(items.map(({status: _status, ...rest}) => rest)));
      const failure = world.faults.backupPartiallyFails;
      backup.status = failure
        ? {phase: 'PartiallyFailed', errors: 1, warnings: 0, failureReason: failure, progress: {itemsBackedUp: items.length, totalItems: items.length + 1}}
        : {phase: 'Completed', errors: 0, warnings: 0, progress: {itemsBackedUp: items.length, totalItems: items.length}, completionTimestamp: '2026-01-02T15:04:35Z'};
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
      restore.status = {phase: 'FailedValidation', validationErrors: [`Error retrieving backup: backups.velero.io "${from}" not found`]};
      return;
    }
    restore.status = {phase: 'InProgress'};
    cluster.later(PROGRESS_READS, () => {
      let warnings = 0;
      // Namespaces first, as Velero restores them; existing objects are left alone (a warning each).
      for (const item of [...saved].sort((a, b) => Number(b.kind === 'Namespace') - Number(a.kind === 'Namespace'))) {
        if (cluster.find(item.kind ?? '', item.metadata.name, item.metadata.namespace)) {
          warnings++;
          continue;
        }
        const restored = copy(item);
        cluster.upsert(restored);
        world.react(cluster, restored);
      }
      restore.status = {phase: 'Completed', errors: 0, warnings, progress: {itemsRestored: saved.length, totalItems: saved.length}};
    });
  });
}

function deleteBackup(cluster: SimCluster, world: SimWorld, request: KubeObject): void {
  const name = String((request.spec as {backupName?: string} | undefined)?.backupName ?? '');
  request.status = {phase: 'InProgress'};
  cluster.later(1, () => {
    storeOf(cluster, world).bucket?.delete(`backups/${name}`);
    cluster.remove('Backup', name, VELERO_NAMESPACE);
    for (const restore of cluster.objects.filter((item) => item.kind === 'Restore' && (item.spec as {backupName?: string} | undefined)?.backupName === name)) {
      cluster.remove('Restore', restore.metadata.name, VELERO_NAMESPACE);
    }
    cluster.remove('DeleteBackupRequest', request.metadata.name, VELERO_NAMESPACE);
  });
}
