import YAML from 'yaml';
import {describe, expect, it} from 'vitest';
import path from 'node:path';
import bootstrap, {CONTAINERD_CERTS_DIR} from '../../../runbooks/bootstrap';
import {createKindCluster} from '../../../src/runbook/sim/clis/kind';
import {formatEvent} from '../../../src/runbook/reporters/format';
import {createSimWorld} from '../../../src/runbook/sim';
import {ROOT, runInSim, stepOutcomes} from './support';
import fs from 'node:fs';

describe('bootstrap runbook on the simulated toolchain', () => {
  it('creates localdev with the handbook config and checks its health', async () => {
    const world = createSimWorld();
    const {result} = await runInSim(bootstrap, world);
    expect(result.exitCode).toBe(0);
    expect(stepOutcomes(result)).toEqual({
      'create-cluster': 'passed',
      'kube-context': 'already-done',
      'nodes-ready': 'passed',
      'system-pods-running': 'passed',
    });
    expect(world.ran('kind', 'create', 'cluster')).toEqual(['kind create cluster --name localdev --config -']);
    const config = YAML.parse(world.clusters.get('localdev')!.config);
    const node = config.nodes[0];
    expect(node.role).toBe('control-plane');
    expect(node.image).toMatch(/^kindest\/node:v\d+\.\d+\.\d+@sha256:[0-9a-f]{64}$/);
    expect(node.labels).toEqual({'ingress-ready': 'true'});
    expect(node.extraPortMappings).toEqual([{containerPort: 443, hostPort: 8443, protocol: 'TCP'}]);
    expect(config.containerdConfigPatches).toEqual([
      '[plugins."io.containerd.grpc.v1.cri".registry]\n  config_path = "/etc/containerd/certs.d"',
    ]);
    expect(node.extraMounts).toEqual([{containerPath: '/etc/containerd/certs.d', hostPath: CONTAINERD_CERTS_DIR}]);
    // Written before kind runs: Docker does not start a node whose bind mount source is missing.
    expect(world.files.get(path.resolve(CONTAINERD_CERTS_DIR, 'cnoe.localtest.me:8443/hosts.toml'))?.content).toContain(
      'server = "https://cnoe.localtest.me:8443"',
    );
    expect(result.tools).toEqual({docker: '28.2.2', kind: '0.30.0', kubectl: '1.34.1'});
    expect(result.kubernetesVersion).toBe('v1.34.0');
    expect(result.notes.join('\n')).toContain('npm run runbook -- cnoe-showtime');
  });

  it('reuses a healthy existing cluster on the second run', async () => {
    const world = createSimWorld();
    await runInSim(bootstrap, world);
    const second = await runInSim(bootstrap, world);
    expect(second.result.exitCode).toBe(0);
    expect(stepOutcomes(second.result)['create-cluster']).toBe('already-done');
    expect(world.ran('kind', 'create')).toHaveLength(1);
  });

  it('restores a missing kube context for an existing cluster', async () => {
    const world = createSimWorld();
    await runInSim(bootstrap, world);
    world.contexts.clear();
    const {result} = await runInSim(bootstrap, world);
    expect(stepOutcomes(result)['kube-context']).toBe('passed');
    expect(world.ran('kind', 'export', 'kubeconfig')).toEqual(['kind export kubeconfig --name localdev']);
  });

  it('stops in preflight with exit 3 when Docker is down, before anything changes', async () => {
    const world = createSimWorld();
    world.docker.running = false;
    const {result} = await runInSim(bootstrap, world);
    expect(result.exitCode).toBe(3);
    expect(result.outcome).toBe('preflight-failed');
    const problem = result.preflight.find((check) => !check.ok)!;
    expect(problem.problem).toContain('Docker engine is not reachable');
    expect(problem.fix).toMatch(/Start Docker/);
    // A failed preflight starts no step (and records none).
    expect(result.steps).toEqual([]);
    expect(world.ran('kind', 'create')).toEqual([]);
    expect(world.clusters.size).toBe(0);
  });

  it('stops in preflight with exit 3 when host port 8443 is taken by something else', async () => {
    const world = createSimWorld();
    world.portsInUse.add(8443);
    const {result} = await runInSim(bootstrap, world);
    expect(result.exitCode).toBe(3);
    expect(result.preflight.find((check) => !check.ok)?.problem).toContain('Host port 8443 is already in use');
    expect(world.ran('kind', 'create')).toEqual([]);
  });

  it('names every missing tool with how to install it', async () => {
    const world = createSimWorld().uninstall('kind');
    const {result} = await runInSim(bootstrap, world);
    expect(result.exitCode).toBe(3);
    const kind = result.preflight.find((check) => check.id === 'tool-kind')!;
    expect(kind).toMatchObject({ok: false, problem: 'kind is not installed (not found on PATH)'});
    expect(kind.fix).toContain('kind.sigs.k8s.io/dl/');
  });

  it('rejects a kind older than the minimum version', async () => {
    const world = createSimWorld();
    world.installed.set('kind', '0.20.0');
    const {result} = await runInSim(bootstrap, world);
    expect(result.exitCode).toBe(3);
    expect(result.preflight.find((check) => check.id === 'tool-kind')?.problem).toBe(
      'kind 0.20.0 is older than 0.30.0',
    );
  });

  it('fails the readiness step with exit 1 and diagnostics when the node never turns Ready', async () => {
    const world = createSimWorld();
    world.faults.nodeNeverReady = true;
    const {result, events} = await runInSim(bootstrap, world);
    expect(result.exitCode).toBe(1);
    const failed = result.steps.find((step) => step.outcome === 'failed')!;
    expect(failed.id).toBe('nodes-ready');
    expect(failed.failure?.message).toMatch(
      /Timed out after 3m waiting for every node to be Ready \(last seen: not Ready: localdev-control-plane\)/,
    );
    const titles = failed.diagnostics!.map((diagnostic) => diagnostic.title);
    expect(titles).toEqual(['describe nodes', 'recent events']);
    expect(failed.diagnostics![0]!.output).toContain('cni plugin not initialized');
    expect(failed.diagnostics![1]!.output).toContain('NodeNotReady');
    expect(stepOutcomes(result)['system-pods-running']).toBe('not-run');
    expect(events).toContainEqual(expect.objectContaining({type: 'wait', what: 'every node to be Ready'}));
  });

  it('on Ctrl-C during cluster creation deletes the half-created cluster and reports the interruption', async () => {
    const world = createSimWorld();
    const interrupt = new AbortController();
    world.intercept(
      (argv) => argv.slice(0, 3).join(' ') === 'kind create cluster',
      () => {
        interrupt.abort(new Error('Ctrl-C'));
        return 'hang';
      },
    );
    const {result} = await runInSim(bootstrap, world, {signal: interrupt.signal});
    expect(result.exitCode).toBe(130);
    expect(result.outcome).toBe('interrupted');
    expect(stepOutcomes(result)).toMatchObject({'create-cluster': 'interrupted', 'nodes-ready': 'not-run'});
    expect(world.ran('kind', 'delete', 'cluster')).toEqual(['kind delete cluster --name localdev']);
    expect(result.notes).toContain('Cleaned up: delete the half-created cluster localdev');
  });

  it('--down deletes the cluster, and a second --down finds nothing to do', async () => {
    const world = createSimWorld();
    await runInSim(bootstrap, world);
    const down = await runInSim(bootstrap, world, {mode: 'down'});
    expect(down.result.exitCode).toBe(0);
    const [start] = down.events.flatMap((event) => formatEvent(event, {verbose: false})).map((line) => line.text);
    expect(start).toBe('▶ Bootstrap the localdev cluster (tear down, 1 step)');
    expect(world.clusters.size).toBe(0);
    expect(world.portsInUse.has(8443)).toBe(false);
    const again = await runInSim(bootstrap, world, {mode: 'down'});
    expect(stepOutcomes(again.result)['delete-cluster']).toBe('already-done');
  });

  it('--down without confirmation deletes nothing', async () => {
    const world = createSimWorld();
    await runInSim(bootstrap, world);
    const {result} = await runInSim(bootstrap, world, {mode: 'down', options: {yes: false}});
    expect(result.exitCode).toBe(1);
    expect(result.steps[0]?.failure?.message).toContain('not confirmed');
    expect(world.clusters.has('localdev')).toBe(true);
  });

  it('with --context checks the existing cluster instead of creating one', async () => {
    const world = createSimWorld();
    await runInSim(bootstrap, world);
    world.contexts.set('team-cluster', 'localdev');
    world.docker.running = true;
    const calls = world.calls.length;
    const {result} = await runInSim(bootstrap, world, {options: {context: 'team-cluster'}});
    expect(result.exitCode).toBe(0);
    expect(stepOutcomes(result)).toMatchObject({
      'create-cluster': 'skipped',
      'kube-context': 'skipped',
      'nodes-ready': 'passed',
    });
    const newCalls = world.calls.slice(calls);
    expect(newCalls.filter((call) => call.startsWith('kind '))).toEqual([]);
    const withContext = newCalls.filter((call) => call.startsWith('kubectl --context'));
    expect(withContext.length).toBeGreaterThan(0);
    expect(withContext.filter((call) => !call.startsWith('kubectl --context team-cluster '))).toEqual([]);
  });

  it('gives containerd config_path and hosts.toml, which containerd 2.1 (kind v0.30 images) and 2.2 (kind v0.31 images) both accept', () => {
    const config = fs.readFileSync(path.join(ROOT, 'runbooks/assets/bootstrap/kind-localdev.yaml'), 'utf8');
    // The mirrors patch of 2024, which containerd 2.2 refuses once config_path is set (its default there).
    const mirrors = config.replace(
      /containerdConfigPatches:[\s\S]*$/,
      'containerdConfigPatches:\n  - |-\n    [plugins."io.containerd.grpc.v1.cri".registry.mirrors."gitea.cnoe.localtest.me:8443"]\n      endpoint = ["https://gitea.cnoe.localtest.me"]\n',
    );
    const withHostsToml = () => {
      const world = createSimWorld();
      world.files.set(path.resolve(CONTAINERD_CERTS_DIR, 'cnoe.localtest.me:8443/hosts.toml'), {
        content: '',
        mode: 0o644,
      });
      return world;
    };
    for (const image of ['kindest/node:v1.34.0', 'kindest/node:v1.35.0']) {
      expect(createKindCluster(withHostsToml(), config, 'localdev', '-', image)).toMatchObject({exitCode: 0});
      const old = createKindCluster(withHostsToml(), mirrors, 'old', '-', image);
      if (image.endsWith('v1.34.0')) expect(old).toMatchObject({exitCode: 0});
      else expect(old.stderr).toContain('ERROR: failed to create cluster: failed to init node with kubeadm');
    }
  });

  it('fails like Docker when the hosts.toml folder the node mounts does not exist', () => {
    const config = fs.readFileSync(path.join(ROOT, 'runbooks/assets/bootstrap/kind-localdev.yaml'), 'utf8');
    const answer = createKindCluster(createSimWorld(), config, undefined, '-', undefined);
    expect(answer.exitCode).toBe(1);
    expect(answer.stderr).toContain(
      `invalid mount config for type "bind": bind source path does not exist: ${path.resolve(CONTAINERD_CERTS_DIR)}`,
    );
  });
});
