/**
 * Read-only checks before a runbook changes anything. Each failure says what is wrong and what
 * to do; all of them are reported together, and the run exits with code 3.
 */
import semver from 'semver';
import type {StepContext} from './context';
import {ValueOrigins} from './credentials';
import {KIND_CLUSTER, onlyWithKind, type PreflightCheck, type PreflightResult, type Tool} from './model';
import {CommandTracker, createShell, posixQuote, RunningCommands} from './shell';
import type {Toolchain} from './toolchain';

export interface ToolCheckResult {
  result: PreflightResult;
  version?: string;
}

// bash's exit code for "command not found".
const NOT_FOUND = 127;

export async function checkTool(tool: Tool, ctx: StepContext): Promise<ToolCheckResult> {
  const output = await ctx.$`${tool.name} ${tool.versionArgs}`.nothrow();
  if (output.exitCode === NOT_FOUND) {
    return {result: {ok: false, problem: `${tool.name} is not installed (not found on PATH)`, fix: tool.install}};
  }
  const version = tool.parseVersion(`${output.stdout}\n${output.stderr}`);
  if (!version) {
    const said = (output.stderr || output.stdout).trim().split('\n')[0];
    return {
      result: {
        ok: false,
        problem: `Could not read the version of ${tool.name} (it said: ${said || 'nothing'})`,
        fix: tool.install,
      },
    };
  }
  if (semver.lt(semver.coerce(version) ?? '0.0.0', tool.minVersion)) {
    return {
      version,
      result: {ok: false, problem: `${tool.name} ${version} is older than ${tool.minVersion}`, fix: tool.install},
    };
  }
  return {version, result: {ok: true, detail: `${tool.name} ${version}`}};
}

export const dockerEngineReachable: PreflightCheck = {
  id: 'docker-engine',
  title: 'Docker engine is reachable',
  skip: onlyWithKind,
  async run(ctx) {
    const output = await ctx.$`docker info --format ${'{{.ServerVersion}}'}`.nothrow();
    if (output.exitCode === 0 && output.stdout.trim())
      return {ok: true, detail: `Docker engine ${output.stdout.trim()}`};
    const said = output.stderr.trim().split('\n')[0] || `docker info exited ${output.exitCode}`;
    return {
      ok: false,
      problem: `The Docker engine is not reachable: ${said}`,
      fix: 'Start Docker (Docker Desktop, `sudo systemctl start docker`, or `colima start`) and check that `docker info` works; kind runs the cluster nodes as Docker containers.',
    };
  },
};

/** Whether the runbooks' kind cluster exists (then the ports it maps are taken by it, not by a stranger). */
export async function kindClusterExists(ctx: StepContext, name = KIND_CLUSTER): Promise<boolean> {
  const output = await ctx.$`kind get clusters`.nothrow();
  return output.exitCode === 0 && output.stdout.split('\n').some((line) => line.trim() === name);
}

export function hostPortFree(port: number, purpose: string): PreflightCheck {
  return {
    id: `port-${port}`,
    title: `Host port ${port} is free (${purpose})`,
    skip: onlyWithKind,
    async run(ctx): Promise<PreflightResult> {
      if (await ctx.isPortFree(port)) return {ok: true};
      if (await kindClusterExists(ctx)) return {ok: true, detail: `in use by the existing ${KIND_CLUSTER} cluster`};
      return {
        ok: false,
        problem: `Host port ${port} is already in use, and not by the ${KIND_CLUSTER} cluster`,
        fix: `Find what listens there (\`sudo ss -ltnp 'sport = :${port}'\` or \`lsof -i :${port}\`) and stop it; the kind cluster needs it for ${purpose}.`,
      };
    },
  };
}

/** For runbooks that build on bootstrap: the cluster must answer before anything is installed. */
export const clusterReachable: PreflightCheck = {
  id: 'cluster-reachable',
  title: 'The Kubernetes cluster answers',
  async run(ctx) {
    const output = await ctx.kubectl`get --raw /readyz`.nothrow();
    if (output.exitCode === 0) return {ok: true, detail: `context ${ctx.kubeContext}`};
    const said = output.stderr.trim().split('\n')[0] || `kubectl exited ${output.exitCode}`;
    return {
      ok: false,
      problem: `The cluster behind context ${ctx.kubeContext} does not answer: ${said}`,
      // Quoted: the hint is pasted into a shell, and a context name may hold `;` or `$(...)`.
      fix: ctx.usesKind
        ? 'Create it first: npm run runbook -- bootstrap'
        : `Check the context with \`kubectl --context ${posixQuote(ctx.kubeContext)} cluster-info\`.`,
    };
  },
};

/**
 * The context names in the kubeconfig, as kubectl merges it (KUBECONFIG, ~/.kube/config), or
 * undefined when kubectl cannot tell (not installed: the preflight reports that). Read before a
 * run with --context starts, so a name that is not there is refused before anything runs.
 */
export async function kubeContexts(
  toolchain: Toolchain,
  root: string,
  signal: AbortSignal,
): Promise<string[] | undefined> {
  const tracker = new CommandTracker(
    {onCommand: () => undefined, onOutput: () => undefined, onEnd: () => undefined},
    toolchain.clock,
  );
  const $ = createShell({
    toolchain,
    tracker,
    running: new RunningCommands(toolchain.clock, toolchain.kill, tracker),
    signal,
    cwd: root,
    origins: new ValueOrigins(),
  });
  const output = await $({timeout: '30s'})`kubectl config get-contexts -o name`.nothrow();
  if (output.exitCode !== 0) return undefined;
  return output.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}
