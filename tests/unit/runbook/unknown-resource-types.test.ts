/**
 * Custom resource types exist only once their CRD is installed (kubectl v1.34.1, cli-runtime
 * `pkg/resource/builder.go`): before that, kubectl exits 1 whatever --ignore-not-found says, the
 * engine's `listIfKnown`/`getIfKnown` read that as "not yet", and a check that does not is
 * reported as the check that crashed.
 */
import {describe, expect, it} from 'vitest';
import bootstrap from '../../../runbooks/bootstrap';
import {createSimWorld, type SimWorld} from '../../../src/runbook/sim';
import type {SimExit} from '../../../src/runbook/sim/process';
import {runInSim, testRunbook} from './support';

async function freshCluster(): Promise<SimWorld> {
  const world = createSimWorld();
  await runInSim(bootstrap, world);
  return world;
}

async function kubectl(world: SimWorld, args: string, stdin = ''): Promise<SimExit> {
  const answer = await world.handle({
    argv: ['kubectl', '--context', 'kind-localdev', ...args.split(' ')],
    env: {},
    stdin,
    cwd: '',
  });
  if (answer === 'hang' || 'running' in answer) throw new Error('kubectl get/apply never keeps running');
  return answer;
}

const APPLICATION =
  'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: my-app\n  namespace: argocd\n';

describe('custom resource types before and after their CRD', () => {
  it("kubectl get exits 1 with kubectl's message, with or without --ignore-not-found, until the CRD exists", async () => {
    const world = await freshCluster();
    for (const args of [
      'get applications.argoproj.io -n argocd -o json',
      'get applications.argoproj.io/my-app -n argocd --ignore-not-found -o json',
    ]) {
      expect(await kubectl(world, args)).toMatchObject({
        exitCode: 1,
        stdout: '',
        stderr: 'error: the server doesn\'t have a resource type "applications"\n',
      });
    }
    expect(
      await kubectl(world, 'get backupstoragelocations.velero.io/default -n velero --ignore-not-found -o json'),
    ).toMatchObject({
      exitCode: 1,
      stderr: 'error: the server doesn\'t have a resource type "backupstoragelocations"\n',
    });

    world.clusters.get('localdev')!.crds.add('applications.argoproj.io');
    expect(
      await kubectl(world, 'get applications.argoproj.io/my-app -n argocd --ignore-not-found -o json'),
    ).toMatchObject({exitCode: 0, stdout: ''});
    expect(
      JSON.parse((await kubectl(world, 'get applications.argoproj.io -n argocd -o json')).stdout ?? ''),
    ).toMatchObject({kind: 'List', items: []});
  });

  it('kubectl apply of a custom resource without its CRD fails with the mapping error', async () => {
    const world = await freshCluster();
    await kubectl(world, 'create namespace argocd');
    const answer = await kubectl(world, 'apply -f -', APPLICATION);
    expect(answer).toMatchObject({exitCode: 1});
    expect(answer.stderr).toBe(
      'error: resource mapping not found for name: "my-app" namespace: "argocd" from "STDIN": no matches for kind "Application" in version "argoproj.io/v1alpha1"\nensure CRDs are installed first\n',
    );
    expect(world.clusters.get('localdev')!.find('Application', 'my-app', 'argocd')).toBeUndefined();
  });

  it('listIfKnown and getIfKnown read an unknown type as "not yet"; other kubectl errors still throw', async () => {
    const world = await freshCluster();
    const seen: unknown[] = [];
    const probe = testRunbook('probe', [
      {
        id: 'read',
        title: 'read',
        why: 'test',
        async verify(ctx) {
          seen.push(
            await ctx.kube.listIfKnown('applications.argoproj.io', 'argocd'),
            await ctx.kube.getIfKnown('applications.argoproj.io/my-app', 'argocd'),
          );
        },
      },
    ]);
    const {result} = await runInSim(probe, world);
    expect(result.exitCode).toBe(0);
    expect(seen).toEqual([[], undefined]);

    world.docker.running = false;
    const down = await runInSim(
      {
        ...probe,
        steps: [
          {
            ...probe.steps[0]!,
            verify: (ctx) => ctx.kube.listIfKnown('applications.argoproj.io', 'argocd').then(() => undefined),
          },
        ],
      },
      world,
    );
    expect(down.result.steps[0]?.failure?.message).toMatch(
      /^Command failed with exit code 1: kubectl .*get applications\.argoproj\.io/,
    );
  });

  it("names the check that crashed, with the command and kubectl's stderr", async () => {
    const world = await freshCluster();
    const runbook = testRunbook('crashing-check', [
      {
        id: 'apps-exist',
        title: 'apps exist',
        why: 'test',
        check: async (ctx) => (await ctx.kube.list('applications.argoproj.io', 'argocd')).length > 0,
        action: async () => undefined,
      },
    ]);
    const {result} = await runInSim(runbook, world);
    const failure = result.steps[0]?.failure;
    expect(failure?.message).toMatch(
      /^The check of step "apps-exist" crashed: Command failed with exit code 1: kubectl .*get applications\.argoproj\.io -n argocd -o json$/,
    );
    expect(failure?.stderrTail).toContain('the server doesn\'t have a resource type "applications"');
  });
});
