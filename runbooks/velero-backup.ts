/**
 * Velero backup (handbook 2.1): Velero with the AWS plugin against an S3 bucket, the schedule
 * devfw-bootstrap, and a restore drill that proves a backup can be restored. On localdev an
 * in-cluster MinIO stands in for the OTC Object Storage bucket; --s3-url, --bucket and
 * --credentials-file point Velero at a real endpoint instead.
 *
 * Velero's CLI reports success too easily: `velero backup create --wait` and `velero restore
 * create --wait` exit 0 when the backup or restore PartiallyFailed or Failed. Every outcome is
 * therefore read from the Backup, Restore and BackupStorageLocation objects with kubectl.
 */
import YAML from 'yaml';
import {
  clusterReachable,
  defineRunbook,
  docker,
  dockerEngineReachable,
  fieldAt,
  generatedCredential,
  generateSecret,
  kubeContextOf,
  kubectl,
  posixQuote,
  readSecret,
  StepAssertionError,
  velero,
  withPrefix,
  type KubeObject,
  type PreflightCheck,
  type RunOptions,
  type Shell,
  type StepContext,
} from '../src/runbook';

const VELERO_NAMESPACE = 'velero';
const MINIO_NAMESPACE = 'minio';
const MINIO_URL = `http://minio.${MINIO_NAMESPACE}.svc:9000`;
/** The bucket minio.yaml's setup Job creates. */
const MINIO_BUCKET = 'velero';
const MINIO_SECRET = 'minio-credentials';

/**
 * velero-plugin-for-aws per Velero minor version (compatibility table in the plugin's README;
 * Velero 1.18's upgrade guide names v1.14.0, Velero's own e2e tests for 1.17 use v1.13.2). The
 * handbook's v1.2.1 is years older than any Velero the runbook accepts.
 */
export const AWS_PLUGIN_FOR_VELERO: Record<string, string> = {'1.18': 'v1.14.0', '1.17': 'v1.13.2'};

export const SCHEDULE = {name: 'devfw-bootstrap', cron: '23 */2 * * *'};
export const DRILL = {
  namespace: 'backup-drill',
  backup: 'backup-drill',
  restore: 'backup-drill',
  secret: 'drill-data',
  pod: 'drill-volume',
  claim: 'drill-volume',
  file: '/data/drill-value',
};
/** The drill pod only holds its volume mounted (Velero backs up volumes of running pods only). */
const DRILL_IMAGE = 'busybox:1.37.0';

const BACKUP_TIME_LIMIT = '10m';

// ---------------------------------------------------------------------------------------------
// Where the backups go

interface Target {
  /** MinIO in the cluster, or the S3 endpoint of --s3-url. */
  inCluster: boolean;
  s3Url: string;
  bucket: string;
  region: string;
}

export function targetOf(options: Pick<RunOptions, 'values'>): Target {
  const s3Url = options.values['s3-url'];
  if (!s3Url) return {inCluster: true, s3Url: MINIO_URL, bucket: MINIO_BUCKET, region: 'minio'};
  return {inCluster: false, s3Url, bucket: options.values.bucket ?? '', region: options.values.region ?? 'minio'};
}

/**
 * The storage location config as ONE argument. Written in a shell as `s3ForcePathStyle="true"`,
 * the quotes are removed by the shell; passed as an argument they would reach Velero and fail to
 * parse. Without path style, MinIO uploads work and downloads fail (velero#7268).
 */
export function backupLocationConfig(target: Target): string {
  return `region=${target.region},s3ForcePathStyle=true,s3Url=${target.s3Url}`;
}

function skipWithExternalS3(options: RunOptions): string | false {
  return options.values['s3-url'] ? `backups go to ${options.values['s3-url']} (--s3-url), not to MinIO` : false;
}

// ---------------------------------------------------------------------------------------------
// Manifests

/** The Secret MinIO and its setup Job read their root credentials from (with its namespace, which must exist first). */
export function minioCredentialsManifest(accessKey: string, secretKey: string): string {
  return yamlDocuments([
    {apiVersion: 'v1', kind: 'Namespace', metadata: {name: MINIO_NAMESPACE}},
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {name: MINIO_SECRET, namespace: MINIO_NAMESPACE},
      type: 'Opaque',
      stringData: {rootUser: accessKey, rootPassword: secretKey},
    },
  ]);
}

/**
 * The drill's known data: a ConfigMap, a Secret with a value generated for this run, and a
 * PersistentVolume (through a claim and a pod that mounts it) that the same value is written
 * into. Velero must restore objects and volume data alike.
 *
 * `volumeType: local`: kind's default class (local-path-provisioner) makes hostPath volumes unless
 * the claim asks for a local one (local-path-provisioner v0.0.30 `provisioner.go`), and Velero's
 * file system backup skips hostPath volumes with nothing but a warning (velero v1.18.1
 * `pkg/podvolume/backupper.go`): the backup would Complete without the data.
 */
export function drillManifest(value: string): string {
  return yamlDocuments([
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {name: DRILL.namespace, labels: {'app.kubernetes.io/managed-by': 'edf-runbook-velero-backup'}},
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {name: 'drill-note', namespace: DRILL.namespace},
      data: {purpose: 'Restore drill of the velero-backup runbook: deleted and restored on every run.'},
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {name: DRILL.secret, namespace: DRILL.namespace},
      type: 'Opaque',
      stringData: {value},
    },
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {name: DRILL.claim, namespace: DRILL.namespace, annotations: {volumeType: 'local'}},
      spec: {accessModes: ['ReadWriteOnce'], resources: {requests: {storage: '16Mi'}}},
    },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {name: DRILL.pod, namespace: DRILL.namespace},
      spec: {
        containers: [
          {
            name: 'holder',
            image: DRILL_IMAGE,
            command: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 5; done'],
            volumeMounts: [{name: 'data', mountPath: '/data'}],
          },
        ],
        volumes: [{name: 'data', persistentVolumeClaim: {claimName: DRILL.claim}}],
      },
    },
  ]);
}

function yamlDocuments(objects: object[]): string {
  return objects.map((object) => YAML.stringify(object)).join('---\n');
}

/** The AWS credentials file format the plugin reads. */
function credentialsFile(accessKey: string, secretKey: string): string {
  return `[default]\naws_access_key_id = ${accessKey}\naws_secret_access_key = ${secretKey}\n`;
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** What velero install reads the credentials from when the runbook hands them over itself. */
const STDIN = '/dev/stdin';

/** velero, always on our cluster (it would otherwise use the current context). */
function veleroCli(ctx: StepContext, shell: Shell = ctx.$): Shell {
  return withPrefix(shell, ['velero', '--kubecontext', ctx.kubeContext]);
}

async function awsPluginImage(ctx: StepContext): Promise<string> {
  const output = await veleroCli(ctx)`version --client-only`;
  const version = velero.parseVersion(output.stdout) ?? '';
  const plugin = AWS_PLUGIN_FOR_VELERO[version.split('.').slice(0, 2).join('.')];
  if (!plugin)
    throw new StepAssertionError(
      `No velero-plugin-for-aws is known to work with Velero ${version}.`,
      `Use Velero ${Object.keys(AWS_PLUGIN_FOR_VELERO).join(' or ')}, or add the plugin version from the compatibility table to AWS_PLUGIN_FOR_VELERO.`,
    );
  return `velero/velero-plugin-for-aws:${plugin}`;
}

/** Waits until a Backup or Restore reaches a final phase, then insists on Completed (the CLI's exit code says nothing). */
async function expectCompleted(ctx: StepContext, kind: 'backups' | 'restores', name: string): Promise<void> {
  const resource = `${kind}.velero.io/${name}`;
  let finished: KubeObject | undefined;
  await ctx.kube.waitFor({
    what: `${kind.slice(0, -1)} ${name} to finish`,
    resource,
    namespace: VELERO_NAMESPACE,
    timeout: BACKUP_TIME_LIMIT,
    until: (object) => {
      const phase = String(fieldAt(object, '.status.phase') ?? 'New');
      if (!['Completed', 'PartiallyFailed', 'Failed', 'FailedValidation'].includes(phase)) return `phase ${phase}`;
      finished = object;
      return true;
    },
  });
  const status = (finished?.status ?? {}) as {
    phase?: string;
    errors?: number;
    warnings?: number;
    failureReason?: string;
    validationErrors?: string[];
  };
  if (status.phase === 'Completed') return;
  const details = [
    `errors ${status.errors ?? 0}`,
    `warnings ${status.warnings ?? 0}`,
    status.failureReason && `failure reason: ${status.failureReason}`,
    ...(status.validationErrors ?? []),
  ]
    .filter(Boolean)
    .join('; ');
  throw new StepAssertionError(
    `${kind === 'backups' ? 'Backup' : 'Restore'} ${name} ended ${status.phase} (${details}), although velero exited 0.`,
    `kubectl -n ${VELERO_NAMESPACE} logs deployment/velero | grep ${name} (velero ${kind.slice(0, -1)} logs needs the bucket reachable from this machine)`,
    [{resource, namespace: VELERO_NAMESPACE}],
  );
}

async function deleteAndWait(ctx: StepContext, kind: 'backup' | 'restore', name: string): Promise<void> {
  const resource = `${kind}s.velero.io/${name}`;
  if (!(await ctx.kube.get(resource, VELERO_NAMESPACE))) return;
  await veleroCli(ctx)`${kind} delete ${name} --confirm`;
  await ctx.kube.waitFor({
    what: `the previous ${kind} ${name} to be deleted`,
    resource,
    namespace: VELERO_NAMESPACE,
    timeout: '2m',
    until: (object) => !object || `still there (phase ${String(fieldAt(object, '.status.phase') ?? 'unknown')})`,
  });
}

function drillPodRunning(ctx: StepContext): Promise<void> {
  return ctx.kube.waitForField(`pod/${DRILL.pod}`, '.status.phase', 'Running', {
    namespace: DRILL.namespace,
    timeout: '3m',
    what: `pod ${DRILL.pod} to run with its volume mounted`,
  });
}

/** The backup holds a copy of the drill volume: Velero records one PodVolumeBackup per volume it backed up. */
async function expectVolumeBackedUp(ctx: StepContext): Promise<void> {
  const records = await ctx.kube.list('podvolumebackups.velero.io', VELERO_NAMESPACE);
  const drill = records.find(
    (record) =>
      record.metadata.labels?.['velero.io/backup-name'] === DRILL.backup &&
      fieldAt(record, '.spec.pod.name') === DRILL.pod,
  );
  if (drill && fieldAt(drill, '.status.phase') === 'Completed') return;
  throw new StepAssertionError(
    drill
      ? `The file system backup of pod ${DRILL.pod}'s volume ended ${String(fieldAt(drill, '.status.phase') ?? 'unfinished')}: ${String(fieldAt(drill, '.status.message') ?? 'no message')}.`
      : `Backup ${DRILL.backup} Completed without the volume data of pod ${DRILL.pod}: Velero skipped the volume.`,
    'Velero skips hostPath volumes with only a warning: the drill claim must keep the annotation volumeType: local. The reason is in kubectl -n velero logs deployment/velero | grep backup-drill.',
    [{resource: `backups.velero.io/${DRILL.backup}`, namespace: VELERO_NAMESPACE}],
  );
}

function drillValueFile(ctx: StepContext): string {
  return `${ctx.workDir}/drill-value`;
}

function sameLocation(location: KubeObject | undefined, target: Target): boolean {
  const spec = (location?.spec ?? {}) as {objectStorage?: {bucket?: string}; config?: Record<string, string>};
  return (
    spec.objectStorage?.bucket === target.bucket &&
    spec.config?.s3Url === target.s3Url &&
    spec.config?.region === target.region &&
    spec.config?.s3ForcePathStyle === 'true'
  );
}

// ---------------------------------------------------------------------------------------------
// Preflight

const consistentOptions: PreflightCheck = {
  id: 'options',
  title: 'The S3 options name a complete endpoint, or none',
  async run(ctx) {
    const {values} = ctx.options;
    const given = ['s3-url', 'bucket', 'credentials-file'].filter((name) => values[name]);
    if (given.length === 0 || given.length === 3)
      return {ok: true, detail: given.length ? `S3 endpoint ${values['s3-url']}` : 'MinIO in the cluster'};
    return {
      ok: false,
      problem: `Only ${given.map((name) => `--${name}`).join(', ')} given.`,
      fix: 'Give --s3-url, --bucket and --credentials-file together (a real S3 endpoint), or none of them (MinIO in the cluster).',
    };
  },
};

/**
 * --backup-location-config is one `k=v,k=v` argument that velero v1.18.1 reads as a CSV record and
 * splits each entry at its first `=` (`pkg/cmd/util/flag/map.go`): a comma in a value starts
 * another key, and a double quote in it fails the parse. An `=` in a value is kept as written.
 */
const locationConfigValues: PreflightCheck = {
  id: 'location-config',
  title: 'The region and S3 endpoint fit into the backup location config',
  async run(ctx) {
    const {values} = ctx.options;
    const unfit = ['region', 's3-url'].filter((name) => /[,"]/.test(values[name] ?? ''));
    if (!unfit.length) return {ok: true};
    return {
      ok: false,
      problem: `${unfit.map((name) => `--${name} ${JSON.stringify(values[name])}`).join(' and ')} holds a comma or a double quote, which velero install would read as another key of --backup-location-config or refuse to parse.`,
      fix: 'Give the region or endpoint alone, e.g. --region eu-de --s3-url https://obs.eu-de.otc.t-systems.com.',
    };
  },
};

const credentialsFileReadable: PreflightCheck = {
  id: 'credentials-file',
  title: 'The credentials file given with --credentials-file exists',
  skip: (options) => (options.values['credentials-file'] ? false : 'MinIO credentials are generated in the cluster'),
  async run(ctx) {
    const file = ctx.options.values['credentials-file']!;
    if (await ctx.files.exists(file)) return {ok: true, detail: file};
    return {
      ok: false,
      problem: `${file} does not exist.`,
      fix: 'Write it in the AWS format: [default], aws_access_key_id = ..., aws_secret_access_key = ... (the OTC access key CSV holds both).',
    };
  },
};

// ---------------------------------------------------------------------------------------------

export default defineRunbook({
  id: 'velero-backup',
  title: 'Velero: backups to S3, the devfw-bootstrap schedule and a restore drill',
  summary:
    'Installs Velero with the AWS plugin against MinIO in the cluster (or a real S3 endpoint), creates the schedule devfw-bootstrap, and proves a restore: back up known data, delete it, restore it, compare.',
  useCases: ['UC-3'],
  needs: ['bootstrap'],
  tools: [docker, kubectl, velero],
  options: [
    {
      name: 's3-url',
      description:
        'S3 endpoint for the backups instead of MinIO in the cluster, e.g. https://obs.eu-de.otc.t-systems.com',
    },
    {name: 'bucket', description: 'Bucket on the --s3-url endpoint (MinIO uses the bucket velero)'},
    {
      name: 'credentials-file',
      description:
        'AWS-format credentials file for the --s3-url endpoint (it is not deleted; the handbook says to delete it afterwards)',
    },
    {name: 'region', description: 'Region in the backup location config', default: 'minio'},
  ],
  preflight: [
    consistentOptions,
    locationConfigValues,
    credentialsFileReadable,
    dockerEngineReachable,
    clusterReachable,
  ],
  steps: [
    {
      id: 'minio',
      title: 'Run MinIO in the cluster as the backup bucket',
      why: 'On a laptop or CI runner, MinIO stands in for the OTC Object Storage bucket. Its credentials are generated once and kept in a Secret; nothing prints them.',
      expect: 'kubectl -n minio get deploy,job shows minio available and minio-setup complete.',
      skip: skipWithExternalS3,
      async check(ctx) {
        const setup = await ctx.kube.get('job/minio-setup', MINIO_NAMESPACE);
        return Boolean(
          setup &&
            Number(fieldAt(setup, '.status.succeeded') ?? 0) > 0 &&
            (await readSecret(ctx, MINIO_NAMESPACE, MINIO_SECRET)),
        );
      },
      async action(ctx) {
        // Generated only once: Velero's copy of the credentials must keep matching MinIO's.
        if (!(await readSecret(ctx, MINIO_NAMESPACE, MINIO_SECRET))) {
          const manifest = minioCredentialsManifest(ctx.secret(generateSecret(20)), ctx.secret(generateSecret(40)));
          await ctx.kubectl({input: manifest})`apply -f -`;
        }
        await ctx.kubectl({input: ctx.asset('minio.yaml')})`apply -f -`;
      },
      async verify(ctx) {
        await ctx.kube.waitForRollout('deployment/minio', {
          namespace: MINIO_NAMESPACE,
          timeout: '3m',
          what: 'deployment/minio to be Available',
        });
        await ctx.kube.waitForCondition('job/minio-setup', 'Complete', {
          namespace: MINIO_NAMESPACE,
          timeout: '3m',
          what: `the bucket ${MINIO_BUCKET} to be created (job minio-setup)`,
        });
      },
    },
    {
      id: 'install-velero',
      title: 'Install Velero with the AWS plugin',
      why: "The handbook's velero install, with the plugin version that matches the installed Velero. MinIO's keys reach velero install on its standard input (--secret-file /dev/stdin), so no file holds them.",
      expect:
        'velero install ends with "Velero is installed! ⛵"; kubectl -n velero get deploy/velero ds/node-agent shows both ready.',
      async check(ctx) {
        const target = targetOf(ctx.options);
        // Before `velero install` the type itself is unknown (kubectl exits 1): not installed yet.
        const location = await ctx.kube.getIfKnown('backupstoragelocations.velero.io/default', VELERO_NAMESPACE);
        if (!location) return false;
        if (!sameLocation(location, target)) {
          throw new StepAssertionError(
            `Velero is already installed with another backup location (${String(fieldAt(location, '.spec.config.s3Url'))}, bucket ${String(fieldAt(location, '.spec.objectStorage.bucket'))}).`,
            'Remove it first with npm run runbook -- velero-backup --down, then run again with the options you want.',
          );
        }
        return (
          Boolean(await ctx.kube.get('deployment/velero', VELERO_NAMESPACE)) &&
          Boolean(await ctx.kube.get('secret/cloud-credentials', VELERO_NAMESPACE))
        );
      },
      async action(ctx) {
        const target = targetOf(ctx.options);
        const plugin = await awsPluginImage(ctx);
        const given = ctx.options.values['credentials-file'];
        const install = (shell: Shell, secretFile: string) =>
          veleroCli(
            ctx,
            shell,
          )`install --provider aws --plugins ${plugin} --bucket ${target.bucket} --secret-file ${secretFile} --use-volume-snapshots=false --use-node-agent --backup-location-config ${backupLocationConfig(target)}`;
        if (given) {
          await install(ctx.$, given);
        } else {
          const minio = await readSecret(ctx, MINIO_NAMESPACE, MINIO_SECRET, {secret: ['rootUser', 'rootPassword']});
          if (!minio?.rootUser || !minio.rootPassword)
            throw new StepAssertionError(
              `Secret ${MINIO_SECRET} in ${MINIO_NAMESPACE} has no rootUser/rootPassword.`,
              'Run the minio step again.',
            );
          // velero reads the file with os.ReadFile (pkg/cmd/cli/install/install.go): /dev/stdin is the
          // input, so no file on disk ever holds the keys, and a pasted plan needs none.
          const keys = [
            {variable: 'MINIO_ROOT_USER', value: minio.rootUser},
            {variable: 'MINIO_ROOT_PASSWORD', value: minio.rootPassword},
          ];
          await install(ctx.$({input: credentialsFile(minio.rootUser, minio.rootPassword), credentials: keys}), STDIN);
        }
        await ctx.kube.waitFor({
          what: 'Velero to hold the credentials (secret cloud-credentials)',
          resource: 'secret/cloud-credentials',
          namespace: VELERO_NAMESPACE,
          timeout: '1m',
          until: (object) => Boolean(object) || 'not created yet',
        });
        if (given) ctx.note(`Velero has its Secret; the handbook asks to delete ${given} now.`);
      },
      async verify(ctx) {
        // A plugin tag that does not exist shows as ImagePullBackOff of the velero pod: reported by name at once.
        await ctx.kube.waitForRollout('deployment/velero', {
          namespace: VELERO_NAMESPACE,
          timeout: '5m',
          what: 'deployment/velero to be Available',
        });
        await ctx.kube.waitForRollout('daemonset/node-agent', {
          namespace: VELERO_NAMESPACE,
          timeout: '5m',
          what: 'the node agent to run',
        });
      },
    },
    {
      id: 'storage-location',
      title: 'Wait until the backup storage location is Available',
      why: 'Velero checks the bucket, the credentials and the plugin in the background; a wrong one shows only here (as Unavailable), not in velero install.',
      expect: 'kubectl -n velero get backupstoragelocations shows PHASE Available.',
      verify: (ctx) =>
        ctx.kube.waitFor({
          what: 'backup storage location default to be Available',
          resource: 'backupstoragelocations.velero.io/default',
          namespace: VELERO_NAMESPACE,
          timeout: '3m',
          until: (object) => {
            const phase = String(fieldAt(object, '.status.phase') ?? 'Unknown');
            const message = fieldAt(object, '.status.message');
            return phase === 'Available' || `phase ${phase}${message ? `: ${String(message)}` : ''}`;
          },
        }),
    },
    {
      id: 'schedule',
      title: `Create the schedule ${SCHEDULE.name} (every two hours at minute 23)`,
      why: "The handbook backs up the forgejo namespace every two hours. --default-volumes-to-fs-backup makes those backups carry the repositories on Forgejo's volume, not only its Kubernetes objects. Without Forgejo in the cluster the schedule covers the drill namespace, so it is still exercised.",
      expect: `velero schedule get lists ${SCHEDULE.name} with ${SCHEDULE.cron} and STATUS Enabled.`,
      async check(ctx) {
        const schedule = await ctx.kube.getIfKnown(`schedules.velero.io/${SCHEDULE.name}`, VELERO_NAMESPACE);
        const wanted = await scheduledNamespace(ctx);
        return (
          fieldAt(schedule, '.spec.schedule') === SCHEDULE.cron &&
          JSON.stringify(fieldAt(schedule, '.spec.template.includedNamespaces')) === JSON.stringify([wanted]) &&
          fieldAt(schedule, '.spec.template.defaultVolumesToFsBackup') === true
        );
      },
      async action(ctx) {
        const namespace = await scheduledNamespace(ctx);
        ctx.note(
          namespace === 'forgejo'
            ? `The schedule ${SCHEDULE.name} backs up the namespace forgejo.`
            : `Forgejo is not installed: the schedule ${SCHEDULE.name} backs up the demo namespace ${namespace} instead of forgejo.`,
        );
        // A schedule cannot be edited with the CLI: one with other settings is replaced.
        if (await ctx.kube.getIfKnown(`schedules.velero.io/${SCHEDULE.name}`, VELERO_NAMESPACE))
          await veleroCli(ctx)`schedule delete ${SCHEDULE.name} --confirm`;
        await veleroCli(
          ctx,
        )`schedule create ${SCHEDULE.name} --schedule ${SCHEDULE.cron} --include-namespaces ${namespace} --default-volumes-to-fs-backup`;
      },
      verify: (ctx) =>
        ctx.kube.waitForField(`schedules.velero.io/${SCHEDULE.name}`, '.status.phase', 'Enabled', {
          namespace: VELERO_NAMESPACE,
          timeout: '1m',
        }),
    },
    {
      id: 'drill-data',
      title: `Restore drill: put known data into the namespace ${DRILL.namespace}, in objects and on a volume`,
      why: 'A backup is only as good as its restore. The drill stores a value generated for this run in a Secret and in a file on a PersistentVolume, so an older backup cannot pass for this one, and a backup without volume data cannot pass at all.',
      note: 'The drill writes a value made for this run, so an old backup cannot pass for a new one.',
      expect: `kubectl -n ${DRILL.namespace} get configmap,secret,pvc,pod shows drill-note, ${DRILL.secret}, the claim ${DRILL.claim} Bound and the pod ${DRILL.pod} Running.`,
      async action(ctx) {
        // One value for the Secret and the volume: a plan generates it once, into $DRILL_VALUE.
        const drill = generatedCredential(ctx, 'DRILL_VALUE', 32);
        const file = drillValueFile(ctx);
        ctx.defer(`delete ${file}`, (cleanup) => cleanup.files.remove(file));
        await ctx.files.write(file, drill.value, 0o600);
        await ctx.kubectl({input: drillManifest(drill.value), credentials: [drill]})`apply -f -`;
        await drillPodRunning(ctx);
        // Over stdin, so the value is in no command line.
        await ctx.kubectl({
          input: drill.value,
          credentials: [drill],
        })`exec -i -n ${DRILL.namespace} pod/${DRILL.pod} -- sh -c ${`cat > ${DRILL.file}`}`;
      },
    },
    {
      id: 'drill-backup',
      title: `Restore drill: back up ${DRILL.namespace} and check the backup Completed`,
      why: "Velero copies volume data only when asked: --default-volumes-to-fs-backup has the node agent copy every volume of the namespace's running pods. `velero backup create --wait` exits 0 even when the backup PartiallyFailed or Failed, so the phase is read with kubectl, and the volume's PodVolumeBackup proves the data is in it. A backup of the same name from an earlier run is deleted first.",
      expect: `kubectl -n velero get backups.velero.io ${DRILL.backup} -o jsonpath='{.status.phase}' prints Completed; kubectl -n velero get podvolumebackups -l velero.io/backup-name=${DRILL.backup} lists the volume of ${DRILL.pod} Completed.`,
      async action(ctx) {
        await deleteAndWait(ctx, 'backup', DRILL.backup);
        await veleroCli(ctx)({
          timeout: BACKUP_TIME_LIMIT,
        })`backup create ${DRILL.backup} --include-namespaces ${DRILL.namespace} --default-volumes-to-fs-backup --wait`;
      },
      async verify(ctx) {
        await expectCompleted(ctx, 'backups', DRILL.backup);
        await expectVolumeBackedUp(ctx);
      },
    },
    {
      id: 'drill-delete',
      title: `Restore drill: delete the namespace ${DRILL.namespace}`,
      why: 'The disaster the drill recovers from.',
      note: 'This is the disaster: the namespace and its volume are gone.',
      expect: `kubectl get namespace ${DRILL.namespace} says NotFound.`,
      async action(ctx) {
        await ctx.kubectl`delete namespace ${DRILL.namespace} --ignore-not-found`;
      },
      verify: (ctx) =>
        ctx.kube.waitFor({
          what: `namespace ${DRILL.namespace} to be gone`,
          resource: `namespace/${DRILL.namespace}`,
          timeout: '3m',
          until: (object) => !object || `phase ${String(fieldAt(object, '.status.phase'))}`,
        }),
    },
    {
      id: 'drill-restore',
      title: `Restore drill: restore ${DRILL.namespace} from the backup`,
      why: '`velero restore create --wait` exits 0 whatever the outcome too, so the restore phase is read with kubectl.',
      expect: `kubectl -n velero get restores.velero.io ${DRILL.restore} -o jsonpath='{.status.phase}' prints Completed.`,
      async action(ctx) {
        await deleteAndWait(ctx, 'restore', DRILL.restore);
        await veleroCli(ctx)({
          timeout: BACKUP_TIME_LIMIT,
        })`restore create ${DRILL.restore} --from-backup ${DRILL.backup} --wait`;
      },
      async verify(ctx) {
        await expectCompleted(ctx, 'restores', DRILL.restore);
        // The node agent fills the new volume before the pod's own container starts.
        await drillPodRunning(ctx);
      },
    },
    {
      id: 'drill-verify',
      title: 'Restore drill: the restored data is the data that was backed up',
      why: 'Completed says Velero did its work; the same bytes in the Secret and on the volume say the work was right.',
      note: 'The point of the whole runbook: the restored Secret and file hold the value written before the backup. A backup that was never restored is a hope, not a backup.',
      expect: `The Secret ${DRILL.secret} and the file ${DRILL.file} in the pod ${DRILL.pod} hold the value generated before the backup.`,
      async verify(ctx) {
        const expected = await ctx.files.read(drillValueFile(ctx));
        const restoredFrom = [{resource: `restores.velero.io/${DRILL.restore}`, namespace: VELERO_NAMESPACE}];
        const restored = await readSecret(ctx, DRILL.namespace, DRILL.secret, {secret: ['value']});
        if (!restored)
          throw new StepAssertionError(
            `The restore did not bring back Secret ${DRILL.secret} in ${DRILL.namespace}.`,
            undefined,
            restoredFrom,
          );
        if (restored.value !== expected)
          throw new StepAssertionError(
            `Secret ${DRILL.secret} in ${DRILL.namespace} holds another value than the one backed up.`,
          );
        if (!(await ctx.kube.get('configmap/drill-note', DRILL.namespace)))
          throw new StepAssertionError(`The restore did not bring back ConfigMap drill-note in ${DRILL.namespace}.`);
        const onVolume = await ctx.kubectl`exec -n ${DRILL.namespace} pod/${DRILL.pod} -- cat ${DRILL.file}`.nothrow();
        if (onVolume.exitCode !== 0)
          throw new StepAssertionError(
            `The restored volume of pod ${DRILL.pod} has no ${DRILL.file}: ${onVolume.stderr.trim()}`,
            'The volume data was not restored; see the PodVolumeRestore: kubectl -n velero get podvolumerestores.',
            restoredFrom,
          );
        if (onVolume.stdout !== expected)
          throw new StepAssertionError(
            `${DRILL.file} on the restored volume of pod ${DRILL.pod} holds other bytes than were backed up.`,
            undefined,
            restoredFrom,
          );
        ctx.note(
          `Restore drill passed: ${DRILL.namespace} was backed up, deleted and restored, objects and volume data alike.`,
        );
      },
    },
  ],
  down: [
    {
      id: 'remove-drill',
      title: `Delete the drill namespace ${DRILL.namespace}`,
      why: 'It only holds the drill data.',
      check: async (ctx) => !(await ctx.kube.get(`namespace/${DRILL.namespace}`)),
      action: async (ctx) => void (await ctx.kubectl`delete namespace ${DRILL.namespace} --ignore-not-found`),
    },
    {
      id: 'uninstall-velero',
      title: 'Uninstall Velero',
      why: 'velero uninstall removes the namespace, the CRDs (with schedules and backup records) and the cluster role binding. Backups stay in the bucket.',
      expect: 'kubectl get namespace velero says NotFound.',
      check: async (ctx) => !(await ctx.kube.get(`namespace/${VELERO_NAMESPACE}`)),
      action: async (ctx) => void (await veleroCli(ctx)`uninstall --force`),
      verify: (ctx) =>
        ctx.kube.waitFor({
          what: 'namespace velero to be gone',
          resource: `namespace/${VELERO_NAMESPACE}`,
          timeout: '3m',
          until: (object) => !object || 'still terminating',
        }),
    },
    {
      id: 'remove-minio',
      title: 'Remove MinIO and its data',
      why: 'The bucket in the cluster goes with it; a real S3 endpoint (--s3-url) is never touched.',
      skip: skipWithExternalS3,
      check: async (ctx) => !(await ctx.kube.get(`namespace/${MINIO_NAMESPACE}`)),
      action: async (ctx) => void (await ctx.kubectl`delete namespace ${MINIO_NAMESPACE} --ignore-not-found`),
    },
  ],
  next: (options) => [
    `Backups: velero --kubecontext ${posixQuote(kubeContextOf(options))} backup get; schedule: velero --kubecontext ${posixQuote(kubeContextOf(options))} schedule get (${SCHEDULE.name}, ${SCHEDULE.cron}, UTC)`,
    targetOf(options).inCluster
      ? 'The bucket is MinIO in the cluster: it is lost with the cluster. Point --s3-url at OTC Object Storage for backups that outlive it.'
      : `Backups go to ${options.values['s3-url']}, bucket ${options.values.bucket}.`,
    'Remove Velero again with npm run runbook -- velero-backup --down',
  ],
});

/** forgejo when Forgejo is installed, else the drill namespace (decided when the runbook runs). */
async function scheduledNamespace(ctx: StepContext): Promise<string> {
  return (await ctx.kube.get('namespace/forgejo')) ? 'forgejo' : DRILL.namespace;
}
