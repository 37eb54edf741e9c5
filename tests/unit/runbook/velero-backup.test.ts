import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import {describe, expect, it} from 'vitest';
import bootstrap from '../../../runbooks/bootstrap';
import veleroBackup, {
  AWS_PLUGIN_FOR_VELERO,
  backupLocationConfig,
  drillManifest,
  minioCredentialsManifest,
  SCHEDULE,
  targetOf,
} from '../../../runbooks/velero-backup';
import type {Plan} from '../../../src/runbook/plan';
import {createSimWorld, type SimWorld} from '../../../src/runbook/sim';
import {kubectl} from '../../../src/runbook/sim/clis/kubectl';
import {velero} from '../../../src/runbook/sim/clis/velero';
import {SimObjectStore} from '../../../src/runbook/sim/servers/object-store';
import {imagesOf, validateManifest} from './manifests';
import {cliInSim, everyStep, ROOT, requireSecret, runInSim, stepOutcomes} from './support';

const OTC = 'https://obs.eu-de.otc.t-systems.com';

async function withCluster(world: SimWorld = createSimWorld()): Promise<SimWorld> {
  await runInSim(bootstrap, world);
  return world;
}

const cluster = (world: SimWorld) => world.clusters.get('localdev')!;
const spec = (world: SimWorld, kind: string, name: string) =>
  cluster(world).find(kind, name, 'velero')?.spec as Record<string, unknown> | undefined;

/** Watches `velero install` (what it reads on stdin) and lets the simulated CLI answer. */
function watchInstall(world: SimWorld): {stdin?: string} {
  const seen: {stdin?: string} = {};
  world.intercept(
    (argv) => argv[0] === 'velero' && argv.includes('install'),
    (invocation) => {
      seen.stdin = invocation.stdin;
      return velero(invocation, world);
    },
  );
  return seen;
}

/** Files the run left or wrote that hold a value. */
const filesHolding = (world: SimWorld, value: string) =>
  [...world.files].filter(([, file]) => file.content.includes(value)).map(([name]) => name);

/** An S3 endpoint outside the cluster (OTC OBS) and a credentials file for it. */
function withExternalS3(world: SimWorld, fileKeys: {accessKey: string; secretKey: string}) {
  const store = new SimObjectStore({accessKey: 'AKOTCEXAMPLEKEY00001', secretKey: 'otc-secret-key-of-the-test-only'});
  store.createBucket('osc-backup');
  world.objectStores.set(OTC, store);
  const file = path.join(ROOT, 'tmp-otc-credentials.ini');
  world.files.set(file, {
    content: `[default]\naws_access_key_id = ${fileKeys.accessKey}\naws_secret_access_key = ${fileKeys.secretKey}\n`,
    mode: 0o600,
  });
  return {values: {'s3-url': OTC, bucket: 'osc-backup', 'credentials-file': 'tmp-otc-credentials.ini'}, store, file};
}

describe('velero-backup runbook on the simulated toolchain', () => {
  it('installs Velero on a fresh cluster, where its resource types do not exist yet (kubectl exits 1 for them), and --down removes them', async () => {
    const world = await withCluster();
    expect(cluster(world).crds.has('backupstoragelocations.velero.io')).toBe(false);
    const {result} = await runInSim(veleroBackup, world);
    expect(result.exitCode, JSON.stringify(result.steps.find((step) => step.outcome === 'failed')?.failure)).toBe(0);
    expect(stepOutcomes(result)['install-velero']).toBe('passed');
    expect(cluster(world).crds.has('backupstoragelocations.velero.io')).toBe(true);
    await runInSim(veleroBackup, world, {mode: 'down'});
    expect(cluster(world).crds.has('schedules.velero.io')).toBe(false);
  });

  it('installs Velero against MinIO with the handbook flags, schedules devfw-bootstrap and passes the restore drill', async () => {
    const world = await withCluster();
    const install = watchInstall(world);
    const {result} = await runInSim(veleroBackup, world);
    expect(result.exitCode).toBe(0);
    expect(stepOutcomes(result)).toEqual(everyStep(veleroBackup, 'passed'));

    expect(world.ran('velero', '--kubecontext', 'kind-localdev', 'install')).toEqual([
      'velero --kubecontext kind-localdev install --provider aws --plugins velero/velero-plugin-for-aws:v1.14.0 --bucket velero --secret-file /dev/stdin --use-volume-snapshots=false --use-node-agent --backup-location-config region=minio,s3ForcePathStyle=true,s3Url=http://minio.minio.svc:9000',
    ]);
    expect(spec(world, 'BackupStorageLocation', 'default')?.config).toEqual({
      region: 'minio',
      s3ForcePathStyle: 'true',
      s3Url: 'http://minio.minio.svc:9000',
    });
    // velero read MinIO's generated keys from its stdin; no file ever held them.
    const accessKey = requireSecret(cluster(world), 'minio', 'minio-credentials', 'rootUser');
    const secretKey = requireSecret(cluster(world), 'minio', 'minio-credentials', 'rootPassword');
    expect(install.stdin).toBe(`[default]\naws_access_key_id = ${accessKey}\naws_secret_access_key = ${secretKey}\n`);
    expect(filesHolding(world, secretKey)).toEqual([]);

    expect(spec(world, 'Schedule', 'devfw-bootstrap')).toMatchObject({
      schedule: '23 */2 * * *',
      template: {includedNamespaces: ['backup-drill']},
    });
    expect(result.notes).toContain(
      'Forgejo is not installed: the schedule devfw-bootstrap backs up the demo namespace backup-drill instead of forgejo.',
    );
    expect(cluster(world).find('Backup', 'backup-drill', 'velero')?.status?.phase).toBe('Completed');
    expect(cluster(world).find('Restore', 'backup-drill', 'velero')?.status?.phase).toBe('Completed');
    expect(cluster(world).find('Secret', 'drill-data', 'backup-drill')).toBeDefined();
  });

  it('reports a plugin tag that does not exist by name, as soon as the velero pod is in ImagePullBackOff, instead of waiting out 5 minutes', async () => {
    const world = await withCluster();
    const pinned = AWS_PLUGIN_FOR_VELERO['1.18']!;
    AWS_PLUGIN_FOR_VELERO['1.18'] = 'v1.14.9';
    try {
      const {result} = await runInSim(veleroBackup, world);
      const failed = result.steps.find((step) => step.outcome === 'failed')!;
      expect(failed.id).toBe('install-velero');
      expect(failed.failure?.message).toMatch(
        /^Pod velero-0-sim of deployment\/velero cannot pull the image velero\/velero-plugin-for-aws:v1\.14\.9: ImagePullBackOff/,
      );
      expect(failed.durationMs).toBeLessThan(60_000);
      expect(failed.diagnostics?.map((diagnostic) => diagnostic.title)).toContain('describe pod/velero-0-sim');
    } finally {
      AWS_PLUGIN_FOR_VELERO['1.18'] = pinned;
    }
  });

  it('proves the data round trip: the file written into the drill volume is backed up by the node agent and read back from a new volume after the restore', async () => {
    const world = await withCluster();
    const {result} = await runInSim(veleroBackup, world);
    expect(result.exitCode).toBe(0);
    expect(spec(world, 'Backup', 'backup-drill')).toMatchObject({defaultVolumesToFsBackup: true});
    expect(spec(world, 'Schedule', 'devfw-bootstrap')).toMatchObject({template: {defaultVolumesToFsBackup: true}});
    expect(
      cluster(world)
        .objects.filter((object) => object.kind === 'PodVolumeBackup')
        .map((object) => object.spec),
    ).toEqual([
      expect.objectContaining({pod: {kind: 'Pod', namespace: 'backup-drill', name: 'drill-volume'}, volume: 'data'}),
    ]);
    // The restored claim is bound to a newly provisioned volume (the old one went with the namespace) holding the same bytes.
    const claim = cluster(world).find('PersistentVolumeClaim', 'drill-volume', 'backup-drill')!;
    const volume = (claim.spec as {volumeName: string}).volumeName;
    expect(volume).toBe('pvc-00000002-sim');
    expect(cluster(world).find('PersistentVolume', 'pvc-00000001-sim')).toBeUndefined();
    const secret = requireSecret(cluster(world), 'backup-drill', 'drill-data', 'value');
    expect(cluster(world).volumeData.get(volume)?.get('drill-value')).toBe(secret);
    expect(result.notes).toContain(
      'Restore drill passed: backup-drill was backed up, deleted and restored, objects and volume data alike.',
    );
  });

  it('fails the drill by name when Velero skips the volume (a hostPath volume, as kind gives a claim without volumeType: local), although the backup Completed', async () => {
    const world = await withCluster();
    // The drill manifest as it would be without the annotation: kind's provisioner then makes a hostPath volume.
    world.intercept(
      (argv) => argv[0] === 'kubectl' && argv.includes('apply'),
      (invocation) => kubectl({...invocation, stdin: invocation.stdin.replace(/\n\s+volumeType: local/, '')}, world),
    );
    const {result} = await runInSim(veleroBackup, world);
    expect(result.exitCode).toBe(1);
    const failed = result.steps.find((step) => step.outcome === 'failed')!;
    expect(failed.id).toBe('drill-backup');
    expect(failed.failure?.message).toMatch(
      /^Backup backup-drill Completed without the volume data of pod drill-volume: Velero skipped the volume.\nWhat to do: Velero skips hostPath volumes/,
    );
    expect(cluster(world).find('Backup', 'backup-drill', 'velero')?.status).toMatchObject({
      phase: 'Completed',
      warnings: 1,
    });
    // Nothing was deleted: the drill stops before its disaster.
    expect(cluster(world).find('Namespace', 'backup-drill')).toBeDefined();
  });

  it('backs up the forgejo namespace when Forgejo is installed', async () => {
    const world = await withCluster();
    cluster(world).upsert({apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'forgejo'}});
    const {result} = await runInSim(veleroBackup, world);
    expect(result.exitCode).toBe(0);
    expect(spec(world, 'Schedule', SCHEDULE.name)).toMatchObject({template: {includedNamespaces: ['forgejo']}});
    expect(result.notes).toContain('The schedule devfw-bootstrap backs up the namespace forgejo.');
  });

  it('keeps generated credentials and the drill value out of every event and the result', async () => {
    const world = await withCluster();
    const {result, events} = await runInSim(veleroBackup, world);
    const secrets = [
      requireSecret(cluster(world), 'minio', 'minio-credentials', 'rootUser'),
      requireSecret(cluster(world), 'minio', 'minio-credentials', 'rootPassword'),
      requireSecret(cluster(world), 'backup-drill', 'drill-data', 'value'),
    ];
    const text = JSON.stringify({events, result});
    for (const secret of secrets) expect(text).not.toContain(secret);
    for (const call of world.calls) for (const secret of secrets) expect(call).not.toContain(secret);
    // The Secret manifests went over stdin, and plans show them masked.
    const secretInput = events.find((event) => event.type === 'command' && event.input?.includes('minio-credentials'));
    expect(secretInput?.type === 'command' && secretInput.input).toContain('rootPassword: [REDACTED]');
  });

  it('converges on a second run and replaces the previous drill backup and restore', async () => {
    const world = await withCluster();
    await runInSim(veleroBackup, world);
    const {result} = await runInSim(veleroBackup, world);
    expect(result.exitCode).toBe(0);
    expect(stepOutcomes(result)).toMatchObject({
      minio: 'already-done',
      'install-velero': 'already-done',
      schedule: 'already-done',
      'drill-verify': 'passed',
    });
    expect(world.ran('velero', '--kubecontext', 'kind-localdev', 'install')).toHaveLength(1);
    expect(world.ran('velero', '--kubecontext', 'kind-localdev', 'backup', 'delete')).toEqual([
      'velero --kubecontext kind-localdev backup delete backup-drill --confirm',
    ]);
  });

  it('replaces the schedule when Forgejo arrives after the first run', async () => {
    const world = await withCluster();
    await runInSim(veleroBackup, world);
    cluster(world).upsert({apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'forgejo'}});
    const {result} = await runInSim(veleroBackup, world);
    expect(stepOutcomes(result).schedule).toBe('passed');
    expect(world.ran('velero', '--kubecontext', 'kind-localdev', 'schedule', 'delete')).toHaveLength(1);
    expect(spec(world, 'Schedule', SCHEDULE.name)).toMatchObject({template: {includedNamespaces: ['forgejo']}});
  });

  it('fails the drill when the backup PartiallyFailed although velero backup create --wait exited 0, and deletes nothing', async () => {
    const world = await withCluster();
    world.faults.backupPartiallyFails =
      'pod volume backup failed: data path backup failed: error to initialize data path';
    const {result} = await runInSim(veleroBackup, world);
    expect(result.exitCode).toBe(1);
    const failed = result.steps.find((step) => step.outcome === 'failed')!;
    expect(failed.id).toBe('drill-backup');
    expect(failed.commands.find((command) => command.command.includes('backup create'))?.exitCode).toBe(0);
    expect(failed.failure?.message).toContain(
      'Backup backup-drill ended PartiallyFailed (errors 1; warnings 0; failure reason: pod volume backup failed',
    );
    expect(failed.failure?.message).toContain('although velero exited 0');
    expect(failed.diagnostics?.[0]?.title).toBe('describe backups.velero.io/backup-drill');
    expect(stepOutcomes(result)['drill-delete']).toBe('not-run');
    expect(cluster(world).find('Namespace', 'backup-drill')).toBeDefined();
  });

  it('reports an Unavailable storage location with Velero’s reason (wrong credentials for the S3 endpoint)', async () => {
    const world = await withCluster();
    const otc = withExternalS3(world, {accessKey: 'AKWRONGEXAMPLEKEY001', secretKey: 'not-the-right-secret-key'});
    const {result} = await runInSim(veleroBackup, world, {options: {values: otc.values}});
    expect(result.exitCode).toBe(1);
    const failed = result.steps.find((step) => step.outcome === 'failed')!;
    expect(failed.id).toBe('storage-location');
    expect(failed.failure?.message).toContain(
      'Timed out after 3m waiting for backup storage location default to be Available (last seen: phase Unavailable: BackupStorageLocation "default" is unavailable',
    );
    expect(failed.failure?.message).toContain('InvalidAccessKeyId');
    // The user's own credentials file is left alone.
    expect(world.files.has(otc.file)).toBe(true);
  });

  it('points Velero at a real S3 endpoint with --s3-url, --bucket and --credentials-file, without MinIO', async () => {
    const world = await withCluster();
    const otc = withExternalS3(world, {
      accessKey: 'AKOTCEXAMPLEKEY00001',
      secretKey: 'otc-secret-key-of-the-test-only',
    });
    const {result} = await runInSim(veleroBackup, world, {options: {values: otc.values}});
    expect(result.exitCode).toBe(0);
    expect(stepOutcomes(result).minio).toBe('skipped');
    expect(cluster(world).find('Namespace', 'minio')).toBeUndefined();
    expect(world.ran('velero', '--kubecontext', 'kind-localdev', 'install')[0]).toContain(
      `--bucket osc-backup --secret-file tmp-otc-credentials.ini --use-volume-snapshots=false --use-node-agent --backup-location-config region=minio,s3ForcePathStyle=true,s3Url=${OTC}`,
    );
    expect([...otc.store.buckets.get('osc-backup')!.keys()]).toEqual([
      'backups/backup-drill',
      'backups/backup-drill/volumes',
    ]);
    expect(world.files.has(otc.file)).toBe(true);
    const down = await runInSim(veleroBackup, world, {mode: 'down', options: {values: otc.values}});
    expect(stepOutcomes(down.result)['remove-minio']).toBe('skipped');
  });

  it('leaves no credentials file behind when velero install fails: the keys only went to its stdin', async () => {
    const world = await withCluster();
    world.intercept(
      (argv) => argv[0] === 'velero' && argv.includes('install'),
      () => ({
        exitCode: 1,
        stderr: 'An error occurred: Post "https://127.0.0.1:35627/apis": net/http: TLS handshake timeout\n',
      }),
    );
    const {result} = await runInSim(veleroBackup, world);
    expect(stepOutcomes(result)['install-velero']).toBe('failed');
    const secretKey = requireSecret(cluster(world), 'minio', 'minio-credentials', 'rootPassword');
    expect(filesHolding(world, secretKey)).toEqual([]);
  });

  it('stops in preflight with exit 3 when only some of the S3 options are given', async () => {
    const world = await withCluster();
    const {result} = await runInSim(veleroBackup, world, {options: {values: {'s3-url': OTC}}});
    expect(result.exitCode).toBe(3);
    expect(result.preflight.find((check) => check.id === 'options')?.problem).toBe('Only --s3-url given.');
    expect(world.ran('velero', '--kubecontext', 'kind-localdev', 'install')).toEqual([]);
  });

  it('stops in preflight with exit 3 when --region holds a comma, which would add a key to the location config', async () => {
    const world = await withCluster();
    const {result} = await runInSim(veleroBackup, world, {options: {values: {region: 'eu-de,s3Url=http://elsewhere'}}});
    expect(result.exitCode).toBe(3);
    expect(result.preflight.find((check) => check.id === 'location-config')?.problem).toMatch(
      /^--region "eu-de,s3Url=http:\/\/elsewhere" holds a comma/,
    );
    expect(world.calls.filter((call) => call.startsWith('velero') && !call.includes('version'))).toEqual([]);
  });

  it('refuses a double quote in --region, which velero cannot parse, and lets an equals sign through, which it keeps', async () => {
    const world = await withCluster();
    const quoted = await runInSim(veleroBackup, world, {options: {values: {region: 'eu-"de"'}}});
    expect(quoted.result.exitCode).toBe(3);
    expect(quoted.result.preflight.find((check) => check.id === 'location-config')?.problem).toMatch(
      /^--region "eu-\\"de\\"" holds a comma or a double quote/,
    );
    const otc = withExternalS3(world, {
      accessKey: 'AKOTCEXAMPLEKEY00001',
      secretKey: 'otc-secret-key-of-the-test-only',
    });
    const {result} = await runInSim(veleroBackup, world, {options: {values: {...otc.values, region: 'eu=de'}}});
    expect(result.preflight.find((check) => check.id === 'location-config')).toMatchObject({ok: true});
    expect(spec(world, 'BackupStorageLocation', 'default')).toMatchObject({config: {region: 'eu=de'}});
  });

  it('names the context it used in what to do next', () => {
    expect(veleroBackup.next!({context: "team's cluster", yes: true, verbose: false, values: {}})[0]).toContain(
      "velero --kubecontext 'team'\\''s cluster' backup get",
    );
  });

  it('stops in preflight with exit 3 when Docker is down, and changes nothing', async () => {
    const world = await withCluster();
    world.docker.running = false;
    const before = cluster(world).objects.length;
    const {result} = await runInSim(veleroBackup, world);
    expect(result.exitCode).toBe(3);
    // A failed preflight starts no step (and records none).
    expect(result.steps).toEqual([]);
    expect(world.calls.filter((call) => call.includes(' apply ') || call.includes(' install '))).toEqual([]);
    expect(cluster(world).objects.length).toBe(before);
  });

  it('--down uninstalls Velero and removes MinIO and the drill, and a second --down finds nothing to do', async () => {
    const world = await withCluster();
    await runInSim(veleroBackup, world);
    const {result} = await runInSim(veleroBackup, world, {mode: 'down'});
    expect(result.exitCode).toBe(0);
    for (const namespace of ['velero', 'minio', 'backup-drill'])
      expect(cluster(world).find('Namespace', namespace)).toBeUndefined();
    expect(world.objectStores.has('http://minio.minio.svc:9000')).toBe(false);
    const again = await runInSim(veleroBackup, world, {mode: 'down'});
    expect(stepOutcomes(again.result)).toEqual({
      'remove-drill': 'already-done',
      'uninstall-velero': 'already-done',
      'remove-minio': 'already-done',
    });
  });

  it('plans both applies of the MinIO step: the credentials and minio.yaml go to the same `apply -f -` with different stdin', async () => {
    const {code, stdout} = await cliInSim(['velero-backup', '--plan', '--json']);
    expect(code).toBe(0);
    const minio = (JSON.parse(stdout) as Plan).steps.find((step) => step.id === 'minio')!;
    const applies = minio.commands.filter((command) => command.command.endsWith('apply -f -'));
    expect(
      applies.map((command) =>
        YAML.parseAllDocuments(command.input ?? '').map((document) => (document.toJSON() as {kind: string}).kind),
      ),
    ).toEqual([
      ['Namespace', 'Secret'],
      ['Namespace', 'PersistentVolumeClaim', 'Deployment', 'Service', 'Job'],
    ]);
  });

  it('passes the storage location config as one argument without shell quotes', () => {
    expect(backupLocationConfig(targetOf({values: {}}))).toBe(
      'region=minio,s3ForcePathStyle=true,s3Url=http://minio.minio.svc:9000',
    );
    expect(backupLocationConfig(targetOf({values: {'s3-url': OTC, bucket: 'osc-backup', region: 'eu-de'}}))).toBe(
      `region=eu-de,s3ForcePathStyle=true,s3Url=${OTC}`,
    );
  });

  it('applies valid manifests with pinned images', () => {
    const minio = validateManifest(
      fs.readFileSync(path.join(ROOT, 'runbooks/assets/velero-backup/minio.yaml'), 'utf8'),
    );
    expect(minio.map((object) => object.kind)).toEqual([
      'Namespace',
      'PersistentVolumeClaim',
      'Deployment',
      'Service',
      'Job',
    ]);
    for (const image of imagesOf(minio)) expect(image).toMatch(/^minio\/(minio|mc):RELEASE\.\d{4}-\d\d-\d\dT[\d-]+Z$/);
    expect(
      validateManifest(minioCredentialsManifest('accesskeyexample', 'secretkeyexample0123')).map(
        (object) => object.kind,
      ),
    ).toEqual(['Namespace', 'Secret']);
    const drill = validateManifest(drillManifest('drillvalue0123'));
    expect(drill.map((object) => object.kind)).toEqual([
      'Namespace',
      'ConfigMap',
      'Secret',
      'PersistentVolumeClaim',
      'Pod',
    ]);
    expect(
      (drill[4]!.spec as {containers: Array<{image: string}>}).containers.map((container) => container.image),
    ).toEqual([expect.stringMatching(/^busybox:\d+\.\d+\.\d+$/)]);
  });
});
