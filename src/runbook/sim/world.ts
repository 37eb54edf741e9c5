/**
 * The simulated machine: which CLIs are installed, whether Docker runs, the kind clusters and
 * kube contexts, the ports in use and the files written. Each CLI (`./clis/*`) reads and changes
 * this state and answers as the real CLI does. Tests arrange faults here, and plan mode walks
 * runbooks against a fresh world.
 */
import path from 'node:path';
import type {Files, Toolchain} from '../toolchain';
import type {KubeObject} from '../kube';
import type {SimCluster} from './cluster';
import type {SimListener} from './network';
import {createSpawn, killSimProcess, type SimAnswer, type SimInvocation} from './process';
import type {SimObjectStore} from './servers/object-store';
import {VirtualClock} from './virtual-clock';

export type SimCli = (invocation: SimInvocation, world: SimWorld) => SimAnswer | Promise<SimAnswer>;

/**
 * Reacts to an object that was applied (created or changed) or deleted, the way a Kubernetes
 * controller would (Deployment -> Available, Application -> Synced).
 */
export type SimController = (
  cluster: SimCluster,
  object: KubeObject,
  world: SimWorld,
  change: 'applied' | 'deleted',
) => void;

/** An ArgoCD application that syncs but never turns Healthy, and the resource that holds it up. */
export interface StuckApplication {
  /** `kind/name` of the resource that is not healthy, e.g. `Deployment/backstage`. */
  resource: string;
  /** What that resource's health says, e.g. an image pull back-off. */
  message: string;
}

/** Failure modes that are properties of the world rather than of one command. */
export interface SimFaults {
  /** The kubelet never reports Ready (e.g. the CNI does not start). */
  nodeNeverReady?: boolean;
  /** idpbuilder waits for this core Deployment forever and never exits (idpbuilder #430). */
  idpbuilderStuckOn?: 'my-gitea' | 'ingress-nginx-controller';
  /** ArgoCD applications, by name, that stay Progressing. */
  stuckApplications?: Record<string, StuckApplication>;
  /**
   * ArgoCD keeps serving the revision it synced first (a stale repo-server cache, a lost refresh):
   * the application stays Synced and Healthy at the old commit while new commits are ignored.
   */
  argocdServesStaleRevision?: boolean;
  /** Velero backups end PartiallyFailed with this error (e.g. a pod volume backup that failed). */
  backupPartiallyFails?: string;
  /** The OCI registry of a Helm chart cannot be reached (DNS, proxy, outage). */
  chartRegistryUnreachable?: boolean;
}

interface Intercept {
  matches(argv: string[]): boolean;
  answer(invocation: SimInvocation): SimAnswer | Promise<SimAnswer>;
}

export class SimWorld {
  /** Installed CLIs and their versions; a missing entry is "command not found". */
  readonly installed = new Map<string, string>();
  docker = {running: true, serverVersion: '28.2.2', cpus: 8, memoryBytes: 16 * 1024 ** 3};
  readonly clusters = new Map<string, SimCluster>();
  /** kubeconfig: context name -> cluster name. */
  readonly contexts = new Map<string, string>();
  currentContext: string | undefined;
  readonly portsInUse = new Set<number>();
  readonly files = new Map<string, {content: string; mode: number}>();
  faults: SimFaults = {};
  /** Simulated time, shared by every toolchain of this world (see `VirtualClock`). */
  readonly clock = new VirtualClock();
  /** Network origins on this machine (`https://cnoe.localtest.me:8443`) and what answers there. */
  readonly listeners = new Map<string, SimListener>();
  /** S3 endpoints by URL (`http://minio.minio.svc:9000`, `https://obs.eu-de.otc.t-systems.com`). */
  readonly objectStores = new Map<string, SimObjectStore>();
  /** Every command line run, in order: what tests assert "nothing was created" against. */
  readonly calls: string[] = [];
  /** What was piped to commands' stdin (manifests, values files), with the command line. */
  readonly inputs: Array<{call: string; stdin: string}> = [];
  private readonly clis = new Map<string, SimCli>();
  private readonly intercepts: Intercept[] = [];
  private readonly controllers: SimController[] = [];

  register(name: string, cli: SimCli, version: string): this {
    this.clis.set(name, cli);
    this.installed.set(name, version);
    return this;
  }

  addController(controller: SimController): this {
    this.controllers.push(controller);
    return this;
  }

  /** Lets the controllers see an object that was created, changed or deleted. */
  react(cluster: SimCluster, object: KubeObject, change: 'applied' | 'deleted' = 'applied'): void {
    for (const controller of this.controllers) controller(cluster, object, this, change);
  }

  uninstall(name: string): this {
    this.installed.delete(name);
    return this;
  }

  /** Answers matching commands differently (a hang, an error) or observes them (Ctrl-C in tests). */
  intercept(matches: (argv: string[]) => boolean, answer: Intercept['answer']): this {
    this.intercepts.push({matches, answer});
    return this;
  }

  async handle(invocation: SimInvocation): Promise<SimAnswer> {
    const {argv} = invocation;
    this.calls.push(argv.join(' '));
    if (invocation.stdin) this.inputs.push({call: argv.join(' '), stdin: invocation.stdin});
    const intercept = this.intercepts.find((candidate) => candidate.matches(argv));
    if (intercept) return intercept.answer(invocation);
    const [name = ''] = argv;
    const cli = this.clis.get(name);
    if (!cli || !this.installed.has(name)) return {exitCode: 127, stderr: `bash: line 1: ${name}: command not found\n`};
    return cli(invocation, this);
  }

  /** Commands run so far whose words start with these. */
  ran(...prefix: string[]): string[] {
    return this.calls.filter((call) => call.split(' ').slice(0, prefix.length).join(' ') === prefix.join(' '));
  }

  clusterOfContext(context: string | undefined): SimCluster | undefined {
    const name = context ? this.contexts.get(context) : undefined;
    return name ? this.clusters.get(name) : undefined;
  }

  toolchain(): Toolchain {
    const files: Files = {
      write: async (file, content, mode) => void this.files.set(path.resolve(file), {content, mode}),
      read: async (file) => {
        const entry = this.files.get(path.resolve(file));
        if (!entry) throw new Error(`ENOENT: no such file, open '${file}'`);
        return entry.content;
      },
      exists: async (file) => this.files.has(path.resolve(file)),
      remove: async (file) => {
        const target = path.resolve(file);
        for (const key of [...this.files.keys()])
          if (key === target || key.startsWith(`${target}/`)) this.files.delete(key);
      },
    };
    return {
      kind: 'simulated',
      spawn: createSpawn((invocation) => this.handle(invocation), this.clock),
      kill: killSimProcess,
      env: {PATH: '/usr/local/bin:/usr/bin:/bin', HOME: '/home/sim'},
      clock: this.clock,
      files,
      isPortFree: async (port) => !this.portsInUse.has(port),
    };
  }
}
