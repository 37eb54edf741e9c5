import YAML from 'yaml';
import {ConfigMap} from 'kubernetes-models/v1/ConfigMap';
import {describe, expect, it} from 'vitest';
import bootstrap from '../../../runbooks/bootstrap';
import cnoe, {
  applicationState,
  goldenPathManifest,
  REF_IMPLEMENTATION_APPLICATIONS,
  STACKS_REF,
} from '../../../runbooks/cnoe-showtime';
import type {KubeObject} from '../../../src/runbook/kube';
import {createSimWorld, type SimWorld} from '../../../src/runbook/sim';
import {runningSimCommands} from '../../../src/runbook/sim/process';
import {head} from '../../../src/runbook/sim/servers/git-host';
import {everyStep, requireSecret, runInSim, stepOutcomes} from './support';

async function withCluster(world: SimWorld = createSimWorld()): Promise<SimWorld> {
  await runInSim(bootstrap, world);
  return world;
}

const cluster = (world: SimWorld) => world.clusters.get('localdev')!;
const application = (world: SimWorld, name: string) => cluster(world).find('Application', name, 'argocd');
const commands = (events: Awaited<ReturnType<typeof runInSim>>['events']) =>
  events.flatMap((event) => (event.type === 'command' ? [event.command] : []));

function myAppRepository(world: SimWorld) {
  return cluster(world)
    .backends.get('gitea/my-gitea-http')!
    .git!.repositories.get('giteaAdmin/idpbuilder-localdev-my-app-manifests')!;
}

describe('cnoe-showtime runbook on the simulated toolchain', () => {
  it('installs the platform, both packages, and deploys a pushed commit through Gitea and ArgoCD', async () => {
    const world = await withCluster();
    const {result, events} = await runInSim(cnoe, world);
    expect(result.exitCode).toBe(0);
    expect(stepOutcomes(result)).toEqual(everyStep(cnoe, 'passed'));

    expect(world.ran('git', 'clone')).toEqual([
      'git clone https://github.com/cnoe-io/stacks .cache/runbooks/cnoe-showtime/stacks',
    ]);
    expect(world.ran('git', '-C', '.cache/runbooks/cnoe-showtime/stacks', 'checkout')).toEqual([
      `git -C .cache/runbooks/cnoe-showtime/stacks checkout --detach ${STACKS_REF}`,
    ]);
    const creates = world.ran('idpbuilder', 'create');
    for (const call of creates) {
      expect(call).toContain('--use-path-routing');
      expect(call).not.toMatch(/--no-exit|-n\b|\?ref=/);
    }
    // Every run passes every package installed so far, or idpbuilder would never exit (shouldShutDown).
    expect(creates).toEqual([
      'idpbuilder create --name localdev --use-path-routing',
      'idpbuilder create --name localdev --use-path-routing --package .cache/runbooks/cnoe-showtime/stacks/basic/package1',
      'idpbuilder create --name localdev --use-path-routing --package .cache/runbooks/cnoe-showtime/stacks/basic/package1 --package .cache/runbooks/cnoe-showtime/stacks/ref-implementation',
    ]);
    // The first check ran before ArgoCD existed: kubectl did not know the Application type yet.
    expect(stepOutcomes(result)['core-platform']).toBe('passed');
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'output',
        text: expect.stringContaining(`the server doesn't have a resource type "applications"`),
      }),
    );
    // basic/package1 deploys the Pod busybox into argocd (its manifest says so) and creates the namespace my-app.
    expect(cluster(world).find('Pod', 'busybox', 'argocd')).toMatchObject({
      spec: {containers: [{image: 'alpine:3.18'}]},
      status: {phase: 'Running'},
    });
    expect(cluster(world).find('Namespace', 'my-app')).toBeDefined();
    // The golden path cloned from the repoURL idpbuilder wrote (Gitea's external URL with path routing), not /gitea/gitea.
    const repoURL = 'https://cnoe.localtest.me:8443/gitea/giteaAdmin/idpbuilder-localdev-my-app-manifests.git';
    expect(application(world, 'my-app')!.spec).toMatchObject({source: {repoURL}});
    expect(world.ran('git').filter((call) => call.includes(' clone ') && call.includes('cnoe.localtest.me'))).toEqual([
      expect.stringMatching(new RegExp(`clone ${repoURL.replace(/[.?]/g, '\\$&')} `)),
    ]);
    const limits = events.flatMap((event) =>
      event.type === 'command' && event.command.startsWith('idpbuilder create') ? [event.timeoutMs] : [],
    );
    expect(limits).toEqual([600_000, 600_000, 600_000]);

    for (const {name} of REF_IMPLEMENTATION_APPLICATIONS)
      expect(applicationState(application(world, name)!), `Application ${name} synced and healthy`).toBe(true);
    const pushed = head(myAppRepository(world))!;
    expect(pushed.message).toBe('Golden path check from the cnoe-showtime runbook');
    expect((application(world, 'my-app')!.status as {sync: {revision: string}}).sync.revision).toBe(pushed.sha);
    const deployed = cluster(world).find('ConfigMap', 'golden-path', 'my-app')!;
    expect(YAML.parse(pushed.files['golden-path.yaml']!).data).toEqual(deployed.data);
    expect(result.notes).toContain(`ArgoCD deployed commit ${pushed.sha.slice(0, 12)} of my-app.`);
  });

  it('keeps every credential out of argv, events and the result', async () => {
    const world = await withCluster();
    const {result, events} = await runInSim(cnoe, world);
    const secrets = [
      requireSecret(cluster(world), 'gitea', 'gitea-credential', 'password'),
      requireSecret(cluster(world), 'gitea', 'gitea-credential', 'token'),
      requireSecret(cluster(world), 'argocd', 'argocd-initial-admin-secret', 'password'),
      requireSecret(cluster(world), 'keycloak', 'keycloak-config', 'KEYCLOAK_ADMIN_PASSWORD'),
      requireSecret(cluster(world), 'keycloak', 'keycloak-config', 'USER_PASSWORD'),
    ];
    const basic = Buffer.from(`giteaAdmin:${secrets[0]}`).toString('base64');
    const text = JSON.stringify({events, result});
    for (const secret of [...secrets, basic]) expect(text).not.toContain(secret);
    const gitCommands = commands(events).filter((command) => command.includes('http.extraHeader'));
    expect(gitCommands.length).toBeGreaterThan(0);
    for (const command of gitCommands) expect(command).toContain('Authorization: Basic $GIT_AUTH');
    // The output of `idpbuilder get secrets` is never shown, not even redacted.
    // A boolean on purpose: a failure must not print that output.
    expect(events.some((event) => event.type === 'output' && event.text.includes('gitea-credential'))).toBe(false);
  });

  it('converges on a second run: packages are already there, the golden path pushes and syncs a new commit', async () => {
    const world = await withCluster();
    await runInSim(cnoe, world);
    const first = head(myAppRepository(world))!.sha;
    const {result} = await runInSim(cnoe, world);
    expect(result.exitCode).toBe(0);
    expect(stepOutcomes(result)).toMatchObject({
      'core-platform': 'already-done',
      'basic-package': 'already-done',
      'ref-implementation': 'already-done',
      'golden-path-deployed': 'passed',
    });
    expect(world.ran('idpbuilder', 'create')).toHaveLength(3);
    const second = head(myAppRepository(world))!;
    expect(second.parent).toBe(first);
    expect((application(world, 'my-app')!.status as {sync: {revision: string}}).sync.revision).toBe(second.sha);
  });

  it('names a reference implementation application stuck Progressing, with what ArgoCD says and its describe output', async () => {
    const world = await withCluster();
    world.faults.stuckApplications = {
      backstage: {resource: 'Deployment/backstage', message: 'Deployment "backstage" exceeded its progress deadline'},
    };
    const {result, events} = await runInSim(cnoe, world);
    expect(result.exitCode).toBe(1);
    const failed = result.steps.find((step) => step.outcome === 'failed')!;
    expect(failed.id).toBe('ref-implementation-healthy');
    expect(failed.failure?.message).toContain(
      'Timed out after 15m waiting for application backstage to be Synced and Healthy',
    );
    expect(failed.failure?.message).toContain('sync Synced, health Progressing');
    expect(failed.failure?.message).toContain('waiting for healthy state of Deployment/backstage');
    expect(failed.failure?.message).toContain(
      'Deployment/backstage Progressing: Deployment "backstage" exceeded its progress deadline',
    );
    expect(failed.diagnostics?.map((diagnostic) => diagnostic.title)).toEqual([
      'describe applications.argoproj.io/backstage',
      'recent events',
    ]);
    expect(failed.diagnostics?.[0]?.output).toContain('Name:         backstage');
    // The applications before it were each awaited by name and passed; the ones after were not reached.
    const awaited = events.flatMap((event) => (event.type === 'wait' && event.elapsedMs === 0 ? [event.what] : []));
    expect(awaited).toContain('application argo-workflows to be Synced and Healthy');
    expect(awaited).not.toContain('application keycloak to be Synced and Healthy');
    expect(stepOutcomes(result)['golden-path-push']).toBe('not-run');
  });

  it('stops an idpbuilder create that never exits at its time limit and names the step', async () => {
    const world = await withCluster();
    world.faults.idpbuilderStuckOn = 'my-gitea';
    const {result} = await runInSim(cnoe, world);
    expect(result.exitCode).toBe(1);
    const failed = result.steps.find((step) => step.outcome === 'failed')!;
    expect(failed.id).toBe('core-platform');
    expect(failed.failure?.message).toBe(
      'Command did not finish within its time limit of 10m and was stopped: idpbuilder create --name localdev --use-path-routing',
    );
    expect(failed.failure?.stderrTail).toMatch(
      /^\w{3} [ \d]\d \d\d:\d\d:\d\d INFO Waiting for Deployment my-gitea to become ready/m,
    );
    expect(runningSimCommands().filter((command) => command.startsWith('idpbuilder'))).toEqual([]);
    expect(stepOutcomes(result)['core-healthy']).toBe('not-run');
  });

  it('does not believe Synced when ArgoCD keeps the old revision after the push', async () => {
    const world = await withCluster();
    world.faults.argocdServesStaleRevision = true;
    const {result} = await runInSim(cnoe, world);
    expect(result.exitCode).toBe(1);
    const failed = result.steps.find((step) => step.outcome === 'failed')!;
    expect(failed.id).toBe('golden-path-deployed');
    const pushed = head(myAppRepository(world))!.sha;
    const synced = (application(world, 'my-app')!.status as {sync: {status: string; revision: string}}).sync;
    expect(synced.status).toBe('Synced');
    expect(failed.failure?.message).toContain(
      `synced revision ${synced.revision.slice(0, 12)}, pushed ${pushed.slice(0, 12)}`,
    );
  });

  it('refuses to read secrets through a current context that is not the cluster (idpbuilder ignores --context)', async () => {
    const world = await withCluster();
    await runInSim(cnoe, world);
    world.contexts.set('kind-other', 'localdev');
    world.currentContext = 'kind-other';
    const calls = world.calls.length;
    const {result} = await runInSim(cnoe, world);
    expect(stepOutcomes(result).credentials).toBe('failed');
    expect(result.steps.find((step) => step.id === 'credentials')?.failure?.message).toContain(
      'kubectl config use-context kind-localdev',
    );
    expect(world.calls.slice(calls).filter((call) => call.startsWith('idpbuilder get secrets'))).toEqual([]);
  });

  it('warns, without failing, when Docker has less memory than the reference implementation wants', async () => {
    const world = await withCluster();
    world.docker.memoryBytes = 4 * 1024 ** 3;
    const {result} = await runInSim(cnoe, world);
    expect(result.exitCode).toBe(0);
    expect(result.preflight.find((check) => check.id === 'docker-resources')).toMatchObject({
      ok: true,
      detail: 'Docker has 8 CPUs and 4.0 GiB',
    });
    expect(result.notes).toContainEqual(expect.stringMatching(/^Warning: Docker has 8 CPUs and 4\.0 GiB/));
  });

  it('stops in preflight with exit 3 when Docker is down, and changes nothing', async () => {
    const world = await withCluster();
    world.docker.running = false;
    const {result} = await runInSim(cnoe, world);
    expect(result.exitCode).toBe(3);
    // A failed preflight starts no step (and records none).
    expect(result.steps).toEqual([]);
    expect(world.ran('idpbuilder', 'create')).toEqual([]);
    expect(cluster(world).find('Localbuild', 'localdev')).toBeUndefined();
  });

  it('stops in preflight when pointed at another cluster with --context', async () => {
    const world = await withCluster();
    world.contexts.set('team', 'localdev');
    const {result} = await runInSim(cnoe, world, {options: {context: 'team'}});
    expect(result.exitCode).toBe(3);
    expect(result.preflight.find((check) => check.id === 'kind-cluster-only')?.problem).toContain('ignores --context');
  });

  it('--down removes the package applications and their namespaces, keeps the core, and converges', async () => {
    const world = await withCluster();
    await runInSim(cnoe, world);
    const {result} = await runInSim(cnoe, world, {mode: 'down'});
    expect(result.exitCode).toBe(0);
    const left = cluster(world)
      .objects.filter((object) => object.kind === 'Application')
      .map((object) => object.metadata.name);
    expect(left.sort()).toEqual(['argocd', 'gitea', 'nginx']);
    expect(cluster(world).find('Deployment', 'metrics-server', 'kube-system')).toBeUndefined();
    expect(cluster(world).find('Namespace', 'backstage')).toBeUndefined();
    expect(cluster(world).find('Namespace', 'kube-system')).toBeDefined();
    expect(cluster(world).objects.filter((object) => object.kind === 'CustomPackage')).toEqual([]);
    const again = await runInSim(cnoe, world, {mode: 'down'});
    expect(stepOutcomes(again.result)).toEqual({
      'remove-packages': 'already-done',
      'remove-package-namespaces': 'already-done',
    });
  });

  it('pushes a golden path manifest that is a valid ConfigMap', () => {
    const object = YAML.parse(goldenPathManifest('abc123def456')) as KubeObject;
    expect(() => new ConfigMap(object as never).validate()).not.toThrow();
    expect(object).toMatchObject({kind: 'ConfigMap', metadata: {name: 'golden-path'}, data: {pushed: 'abc123def456'}});
  });
});
