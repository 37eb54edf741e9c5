/**
 * The four runbooks together, through the CLI as a person runs them: listed, planned one by one
 * and as `all` (in dependency order), run as `all` on one simulated machine, and every manifest
 * they apply on the way checked against the Kubernetes schemas.
 */
import {describe, expect, it} from 'vitest';
import bootstrap from '../../../runbooks/bootstrap';
import cnoeShowtime, {REF_IMPLEMENTATION_APPLICATIONS} from '../../../runbooks/cnoe-showtime';
import forgejoInstall from '../../../runbooks/forgejo-install';
import veleroBackup from '../../../runbooks/velero-backup';
import {toMs} from '../../../src/runbook/clock';
import type {Plan, PlannedStep} from '../../../src/runbook/plan';
import {createSimWorld} from '../../../src/runbook/sim';
import {validateManifest} from './manifests';
import {cliInSim} from './support';

const RUNBOOKS = [bootstrap, cnoeShowtime, forgejoInstall, veleroBackup];
const IDS = RUNBOOKS.map((runbook) => runbook.id);

async function plan(...argv: string[]): Promise<Plan | Plan[]> {
  const run = await cliInSim([...argv, '--plan', '--json']);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Plan | Plan[];
}

const step = (planned: Plan, id: string): PlannedStep => planned.steps.find((candidate) => candidate.id === id)!;
const commandsOf = (planned: PlannedStep) => planned.commands.map((command) => command.command);

describe('the four runbooks', () => {
  it('--list shows each runbook with what it needs and its options', async () => {
    const {code, stdout} = await cliInSim(['--list']);
    expect(code).toBe(0);
    for (const id of IDS) expect(stdout).toMatch(new RegExp(`^${id}\\s+\\S`, 'm'));
    expect(stdout.match(/needs: bootstrap/g)).toHaveLength(3);
    expect(stdout).toContain('--s3-url <value>');
    expect(stdout).toContain('--credentials-file <value>');
  });

  it.each(IDS)('--plan works for %s', async (id) => {
    const planned = (await plan(id)) as Plan;
    expect(planned.id).toBe(id);
    expect(planned.steps.length).toBeGreaterThan(0);
    expect(planned.steps.filter((entry) => entry.commands.length === 0 && !entry.skipped)).toEqual([]);
  });

  it('--plan all plans every runbook in dependency order, deterministically', async () => {
    const plans = (await plan('all')) as Plan[];
    expect(plans.map((entry) => entry.id)).toEqual(IDS);
    for (const [index, entry] of plans.entries())
      for (const need of entry.needs) expect(IDS.indexOf(need)).toBeLessThan(index);
    expect(await plan('all')).toEqual(plans);
  });

  it('the velero plan has the handbook install flags, the schedule, a kubectl check of the backup phase and the restore drill', async () => {
    const velero = (await plan('velero-backup')) as Plan;
    const install = commandsOf(step(velero, 'install-velero')).find((command) => command.includes(' install '))!;
    for (const flag of [
      '--provider aws',
      '--plugins velero/velero-plugin-for-aws:v1.14.0',
      '--bucket velero',
      '--secret-file /dev/stdin',
      '--use-volume-snapshots=false',
      '--use-node-agent',
      '--backup-location-config region=minio,s3ForcePathStyle=true,s3Url=http://minio.minio.svc:9000',
    ]) {
      expect(install).toContain(flag);
    }
    expect(commandsOf(step(velero, 'schedule'))).toContain(
      "velero --kubecontext kind-localdev schedule create devfw-bootstrap --schedule '23 */2 * * *' --include-namespaces backup-drill --default-volumes-to-fs-backup",
    );
    const backup = step(velero, 'drill-backup');
    expect(commandsOf(backup)).toContain(
      'velero --kubecontext kind-localdev backup create backup-drill --include-namespaces backup-drill --default-volumes-to-fs-backup --wait',
    );
    // The data round trip: a file written into the drill volume before the backup is read back after the restore.
    expect(commandsOf(step(velero, 'drill-data'))).toContain(
      "kubectl --context kind-localdev exec -i -n backup-drill pod/drill-volume -- sh -c 'cat > /data/drill-value'",
    );
    expect(backup.commands).toContainEqual(
      expect.objectContaining({
        phase: 'verify',
        command: 'kubectl --context kind-localdev get podvolumebackups.velero.io -n velero -o json',
      }),
    );
    expect(commandsOf(step(velero, 'drill-verify'))).toContain(
      'kubectl --context kind-localdev exec -n backup-drill pod/drill-volume -- cat /data/drill-value',
    );
    expect(backup.commands).toContainEqual(
      expect.objectContaining({
        phase: 'verify',
        command:
          'kubectl --context kind-localdev get backups.velero.io/backup-drill -n velero --ignore-not-found -o json',
      }),
    );
    expect(velero.steps.map((entry) => entry.id).filter((id) => id.startsWith('drill-'))).toEqual([
      'drill-data',
      'drill-backup',
      'drill-delete',
      'drill-restore',
      'drill-verify',
    ]);
    expect(commandsOf(step(velero, 'drill-delete'))).toContain(
      'kubectl --context kind-localdev delete namespace backup-drill --ignore-not-found',
    );
    expect(commandsOf(step(velero, 'drill-restore'))).toContain(
      'velero --kubecontext kind-localdev restore create backup-drill --from-backup backup-drill --wait',
    );
    expect(step(velero, 'drill-restore').commands).toContainEqual(
      expect.objectContaining({
        phase: 'verify',
        command:
          'kubectl --context kind-localdev get restores.velero.io/backup-drill -n velero --ignore-not-found -o json',
      }),
    );
  });

  it('in the plan of all, velero schedules the forgejo namespace, which forgejo-install created before it', async () => {
    const plans = (await plan('all')) as Plan[];
    const velero = plans.find((entry) => entry.id === 'velero-backup')!;
    expect(commandsOf(step(velero, 'schedule'))).toContain(
      "velero --kubecontext kind-localdev schedule create devfw-bootstrap --schedule '23 */2 * * *' --include-namespaces forgejo --default-volumes-to-fs-backup",
    );
  });

  it('the cnoe-showtime plan waits for every reference implementation application by name, each with its own limit', async () => {
    const cnoe = (await plan('cnoe-showtime')) as Plan;
    const waits = step(cnoe, 'ref-implementation-healthy').waits;
    expect(waits).toEqual(
      REF_IMPLEMENTATION_APPLICATIONS.map(({name, timeout}) => ({
        what: `application ${name} to be Synced and Healthy`,
        timeoutMs: toMs(timeout),
      })),
    );
    expect(step(cnoe, 'core-platform').commands).toContainEqual({
      phase: 'action',
      command: 'idpbuilder create --name localdev --use-path-routing',
      timeoutMs: 600_000,
    });
  });

  it('plans show secrets that go over stdin masked or as the variable a pasted plan sets, and no credential in any command', async () => {
    const plans = (await plan('all')) as Plan[];
    const commands = plans.flatMap((entry) => [...entry.steps, ...entry.down].flatMap((planned) => planned.commands));
    const secretInputs = commands.filter((command) => command.input?.includes('kind: Secret'));
    expect(secretInputs.length).toBe(3);
    for (const command of secretInputs)
      expect(command.input).toMatch(/(password|rootPassword|value): (\[REDACTED\]|\$\{DRILL_VALUE\})/);
    for (const command of commands)
      expect(command.command).not.toMatch(/Authorization: (Basic|token) [A-Za-z0-9+/=]{12,}/);
  });

  it('npm run runbook -- all brings everything up on one machine in dependency order, applying only valid manifests', async () => {
    const world = createSimWorld();
    const run = await cliInSim(['all', '--yes'], world);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const started = run.stdout
      .split('\n')
      .flatMap((line) => (line.includes(' ▶ ') ? [line.split(' ▶ ')[1]!.replace(/ \(\d+ steps\)$/, '')] : []));
    expect(started).toEqual(RUNBOOKS.map((runbook) => runbook.title));
    const applied = world.inputs.filter((input) => /^kubectl .* apply -f -$/.test(input.call));
    expect(applied).toHaveLength(4);
    for (const input of applied) expect(() => validateManifest(input.stdin), input.call).not.toThrow();
    const cluster = world.clusters.get('localdev')!;
    expect(cluster.find('Schedule', 'devfw-bootstrap', 'velero')?.spec).toMatchObject({
      template: {includedNamespaces: ['forgejo']},
    });
  });
});
