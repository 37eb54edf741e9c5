/**
 * The simulated idpbuilder v0.10.1 against what its source does (cnoe-io/idpbuilder v0.10.1):
 * remote packages at depth 1 (only branch tips and tags check out), shouldShutDown waiting for
 * every CustomPackage of earlier runs, CustomPackage names `<yaml basename>-<app>`, Gitea's
 * external URL in Applications, and the CRDs it installs.
 */
import {describe, expect, it} from 'vitest';
import bootstrap from '../../../runbooks/bootstrap';
import {giteaCloneUrl} from '../../../runbooks/cnoe-showtime';
import type {KubeObject} from '../../../src/runbook/kube';
import {createSimWorld, type SimWorld} from '../../../src/runbook/sim';
import type {SimAnswer} from '../../../src/runbook/sim/process';
import {STACKS_MAIN_COMMITS} from '../../../src/runbook/sim/servers/stacks';
import {runInSim} from './support';

const PR_65_TEST_MERGE = '45453d86303365eb82897da4a8d8d3c8caad306c';
const MAIN_TIP = STACKS_MAIN_COMMITS[STACKS_MAIN_COMMITS.length - 1]!.sha;
const OLDER_MAIN = STACKS_MAIN_COMMITS[0]!.sha;
const remote = (folder: string, ref: string) => `https://github.com/cnoe-io/stacks//${folder}?ref=${ref}`;

async function withCluster(): Promise<SimWorld> {
  const world = createSimWorld();
  await runInSim(bootstrap, world);
  return world;
}

function create(world: SimWorld, ...packages: string[]): Promise<SimAnswer> {
  return world.handle({
    argv: [
      'idpbuilder',
      'create',
      '--name',
      'localdev',
      '--use-path-routing',
      ...packages.flatMap((spec) => ['--package', spec]),
    ],
    env: {},
    stdin: '',
    cwd: '',
  });
}

const stderrOf = (answer: SimAnswer) => (answer === 'hang' ? '' : (answer.stderr ?? ''));
const customPackages = (world: SimWorld) =>
  world.clusters.get('localdev')!.objects.filter((object) => object.kind === 'CustomPackage');

describe('simulated idpbuilder v0.10.1', () => {
  it("installs its own CRDs and ArgoCD's, so Applications and CustomPackages become known types", async () => {
    const world = await withCluster();
    const cluster = world.clusters.get('localdev')!;
    expect([...cluster.crds]).toEqual([]);
    await create(world);
    expect([...cluster.crds].sort()).toEqual([
      'applications.argoproj.io',
      'applicationsets.argoproj.io',
      'appprojects.argoproj.io',
      'custompackages.idpbuilder.cnoe.io',
      'gitrepositories.idpbuilder.cnoe.io',
      'localbuilds.idpbuilder.cnoe.io',
    ]);
  });

  it('checks out a remote package only at a branch tip: a commit that is not one never lets create exit', async () => {
    const world = await withCluster();
    for (const ref of [PR_65_TEST_MERGE, OLDER_MAIN]) {
      const answer = await create(world, remote('basic/package1', ref));
      expect(answer).toMatchObject({running: true});
      expect(stderrOf(answer)).toContain(
        `ERROR Reconciler error controller=localbuild controllerGroup=idpbuilder.cnoe.io controllerKind=Localbuild name=localdev err=cloning repo, ${remote('basic/package1', ref)}: checkout ${ref}: reference not found`,
      );
      expect(stderrOf(answer)).not.toContain('Shutting Down');
    }
    for (const ref of [MAIN_TIP, 'main'])
      expect(await create(world, remote('basic/package1', ref))).toMatchObject({exitCode: 0});
  });

  it('never exits when an earlier run left a CustomPackage this run does not name (shouldShutDown)', async () => {
    const world = await withCluster();
    expect(await create(world, remote('basic/package1', 'main'), remote('ref-implementation', 'main'))).toMatchObject({
      exitCode: 0,
    });
    const smaller = await create(world, remote('ref-implementation', 'main'));
    expect(smaller).toMatchObject({running: true});
    expect(stderrOf(smaller).match(/INFO Checking if we should shutdown/g)).toHaveLength(3);
    expect(stderrOf(smaller)).not.toContain('Shutting Down');
    // Naming every package again stamps them all with this run's start time, and it exits.
    expect(await create(world, remote('basic/package1', 'main'), remote('ref-implementation', 'main'))).toMatchObject({
      exitCode: 0,
    });
  });

  it('names CustomPackages <yaml file basename>-<app> (getCustomPackageName)', async () => {
    const world = await withCluster();
    await create(world, remote('basic/package1', 'main'), remote('ref-implementation', 'main'));
    expect(
      customPackages(world)
        .map((item) => item.metadata.name)
        .sort(),
    ).toEqual([
      'app-my-app',
      'argo-workflows-argo-workflows',
      'backstage-backstage',
      'backstage-templates-backstage-templates',
      'external-secrets-external-secrets',
      'keycloak-keycloak',
      'metric-server-metric-server',
      'spark-operator-spark-operator',
    ]);
    expect(customPackages(world).find((item) => item.metadata.name === 'keycloak-keycloak')?.spec).toMatchObject({
      argoCD: {name: 'keycloak', namespace: 'argocd'},
    });
  });

  it('fails validation for a package folder that does not exist, before touching the cluster', async () => {
    const world = await withCluster();
    const answer = await create(world, '/nowhere/basic/package1');
    expect(answer).toMatchObject({
      exitCode: 1,
      stderr:
        'Error: failed to validate path /nowhere/basic/package1 : stat /nowhere/basic/package1: no such file or directory\n',
    });
    expect(world.clusters.get('localdev')!.find('Localbuild', 'localdev')).toBeUndefined();
  });

  it("writes Gitea's external URL into Applications (path routing), which the golden path clones as it is", async () => {
    const world = await withCluster();
    await create(world, remote('basic/package1', 'main'));
    const myApp = world.clusters.get('localdev')!.find('Application', 'my-app', 'argocd')!;
    const url = 'https://cnoe.localtest.me:8443/gitea/giteaAdmin/idpbuilder-localdev-my-app-manifests.git';
    expect(myApp.spec).toMatchObject({source: {repoURL: url}});
    expect(giteaCloneUrl(myApp)).toBe(url);
    const inCluster: KubeObject = {
      metadata: {name: 'old'},
      spec: {source: {repoURL: 'http://my-gitea-http.gitea.svc.cluster.local:3000/giteaAdmin/x.git'}},
    };
    expect(giteaCloneUrl(inCluster)).toBe('https://cnoe.localtest.me:8443/gitea/giteaAdmin/x.git');
    expect(() =>
      giteaCloneUrl({metadata: {name: 'elsewhere'}, spec: {source: {repoURL: 'https://github.com/o/r.git'}}}),
    ).toThrow(/does not deploy from idpbuilder's Gitea/);
  });

  it("github.com serves cnoe-io/stacks with main's commits: a full clone checks out a commit of main, not the PR-65 test merge", async () => {
    const world = createSimWorld();
    const git = (...args: string[]) => world.handle({argv: ['git', ...args], env: {}, stdin: '', cwd: '/work'});
    expect(await git('clone', 'https://github.com/cnoe-io/stacks', 'stacks')).toMatchObject({exitCode: 0});
    expect(await git('-C', 'stacks', 'checkout', '--detach', PR_65_TEST_MERGE)).toMatchObject({
      exitCode: 1,
      stderr: `error: pathspec '${PR_65_TEST_MERGE}' did not match any file(s) known to git\n`,
    });
    expect(await git('-C', 'stacks', 'checkout', '--detach', OLDER_MAIN)).toMatchObject({
      exitCode: 0,
      stderr: `HEAD is now at ${OLDER_MAIN.slice(0, 7)} ${STACKS_MAIN_COMMITS[0]!.message}\n`,
    });
    expect(await git('-C', 'stacks', 'rev-parse', 'HEAD')).toMatchObject({stdout: `${OLDER_MAIN}\n`});
    expect(world.files.get('/work/stacks/basic/package1/manifests/alpine.yaml')?.content).toContain('name: busybox');
  });
});
