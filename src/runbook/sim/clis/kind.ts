/**
 * `kind` with the messages, streams and exit codes of kind v0.30: progress goes to stderr,
 * `get clusters` says "No kind clusters found." on stderr and exits 0, an existing name fails,
 * and every command but `version` needs the Docker engine. `create cluster` checks what the node
 * container and its containerd would refuse: a missing extraMounts source, and a registry config
 * containerd's CRI plugin rejects (then kubeadm init fails, as kubelet has no runtime).
 *
 * Sources: kubernetes-sigs/kind v0.30.0 `pkg/cmd/kind/get/clusters/clusters.go` (No kind clusters
 * found.), `pkg/cluster/internal/providers/docker/provision.go` (relative hostPath made absolute
 * against the working directory), `pkg/cluster/internal/create/actions/kubeadminit/init.go`
 * ("Starting control-plane", "failed to init node with kubeadm"), `images/base/Dockerfile`
 * (containerd v2.1.4 at v0.30.0, v2.2.0 at v0.31.0), `pkg/apis/config/defaults/image.go`
 * (default node images); moby `volume/mounts/errors.go` (bind source path does not exist).
 * Not modelled: multi-node networking, `kind load`, `export logs`, and the Kubernetes the node runs.
 */
import path from 'node:path';
import YAML from 'yaml';
import type {KubeObject} from '../../kube';
import {fail, flag, ok, parseArgs} from '../args';
import {SimCluster, setCondition} from '../cluster';
import type {SimCli, SimWorld} from '../world';
import {DOCKER_DOWN} from './docker';

export const KIND_DEFAULT_IMAGE = 'kindest/node:v1.34.0';

interface KindNodeConfig {
  role?: string;
  image?: string;
  labels?: Record<string, string>;
  extraPortMappings?: Array<{containerPort: number; hostPort: number}>;
  extraMounts?: Array<{hostPath?: string; containerPath?: string}>;
}

interface KindConfig {
  kind?: string;
  apiVersion?: string;
  name?: string;
  nodes?: KindNodeConfig[];
  containerdConfigPatches?: string[];
}

/** The containerd each node image ships (kind images/base/Dockerfile CONTAINERD_VERSION at the release that built it). */
const CONTAINERD_OF_NODE_IMAGE: Record<string, string> = {'v1.34.0': '2.1.4', 'v1.35.0': '2.2.0'};

/**
 * Why containerd's CRI plugin would not load with these config patches, or undefined.
 * containerd internal/cri/config/config.go ValidateImageConfig (v2.1.4 and v2.2.0): "`mirrors`
 * cannot be set when `config_path` is provided"; v2.2.0 config_unix.go defaults config_path to
 * "/etc/containerd/certs.d:/etc/docker/certs.d", so there any `mirrors` table is refused.
 */
export function containerdRefuses(patches: string[], containerd: string): string | undefined {
  const text = patches.join('\n');
  const mirrors = /registry\.mirrors/.test(text);
  const configPath = /config_path\s*=/.test(text) || containerd.startsWith('2.2');
  return mirrors && configPath ? '`mirrors` cannot be set when `config_path` is provided' : undefined;
}

export const kind: SimCli = (invocation, world) => {
  const args = parseArgs(invocation.argv.slice(1), ['--name', '-n', '--config', '--image', '--wait', '--kubeconfig']);
  const [command, object] = args.positional;
  if (command === 'version') return ok(`kind v${world.installed.get('kind')} go1.24.6 linux/amd64\n`);
  if (!world.docker.running) {
    return fail(
      command === 'get'
        ? `ERROR: failed to list clusters: command "docker ps -a --filter label=io.x-k8s.kind.cluster --format '{{.Label "io.x-k8s.kind.cluster"}}'" failed with error: exit status 1\nCommand Output: ${DOCKER_DOWN}`
        : `ERROR: failed to ${command} cluster: failed to list nodes: command "docker ps -a --filter label=io.x-k8s.kind.cluster --format '{{.Names}}'" failed with error: exit status 1\nCommand Output: ${DOCKER_DOWN}`,
    );
  }
  const name = flag(args, '--name', '-n');
  if (command === 'get' && object === 'clusters') {
    const names = [...world.clusters.keys()].sort();
    return names.length ? ok(names.map((cluster) => `${cluster}\n`).join('')) : ok('', 'No kind clusters found.\n');
  }
  if (command === 'create' && object === 'cluster')
    return createKindCluster(
      world,
      invocation.stdin,
      name,
      flag(args, '--config'),
      flag(args, '--image'),
      invocation.cwd,
    );
  if (command === 'delete' && object === 'cluster') return remove(world, name ?? 'kind');
  if (command === 'export' && object === 'kubeconfig') {
    const cluster = name ?? 'kind';
    if (!world.clusters.has(cluster))
      return fail(
        `ERROR: failed to export kubeconfig: could not locate any control plane nodes for cluster named '${cluster}'. Use the --name option to select a different cluster\n`,
      );
    world.contexts.set(`kind-${cluster}`, cluster);
    world.currentContext = `kind-${cluster}`;
    return ok('', `Set kubectl context to "kind-${cluster}"\n`);
  }
  return fail(`ERROR: unknown command "${args.positional.join(' ')}" for "kind"\n`);
};

/** `kind create cluster`; idpbuilder creates its cluster through the same kind library. */
export function createKindCluster(
  world: SimWorld,
  stdin: string,
  nameFlag: string | undefined,
  configPath: string | undefined,
  imageFlag: string | undefined,
  cwd = '',
) {
  let config: KindConfig = {};
  let text: string | undefined = '';
  if (configPath) {
    text = configPath === '-' ? stdin : world.files.get(configPath)?.content;
    if (text === undefined)
      return fail(
        `ERROR: failed to create cluster: error reading file: open ${configPath}: no such file or directory\n`,
      );
    try {
      config = (YAML.parse(text) ?? {}) as KindConfig;
    } catch (error) {
      return fail(`ERROR: failed to create cluster: ${String(error)}\n`);
    }
    if (config.kind !== 'Cluster' || config.apiVersion !== 'kind.x-k8s.io/v1alpha4') {
      return fail(`ERROR: failed to create cluster: unknown apiVersion or kind: ${config.apiVersion} ${config.kind}\n`);
    }
  }
  const name = nameFlag ?? config.name ?? 'kind';
  if (world.clusters.has(name))
    return fail(`ERROR: failed to create cluster: node(s) already exist for a cluster with the name "${name}"\n`);

  const nodes = config.nodes?.length ? config.nodes : [{role: 'control-plane'}];
  const image = imageFlag ?? nodes[0]?.image ?? KIND_DEFAULT_IMAGE;
  const progress = [`Creating cluster "${name}" ...`, ` ✓ Ensuring node image (${image.split('@')[0]}) 🖼`];
  const missingMount = nodes
    .flatMap((node) => node.extraMounts ?? [])
    .map((mount) => path.resolve(cwd, mount.hostPath ?? ''))
    .find(
      (source) => !world.files.has(source) && ![...world.files.keys()].some((file) => file.startsWith(`${source}/`)),
    );
  if (missingMount) {
    progress.push(' ✗ Preparing nodes 📦');
    return fail(
      `${progress.join('\n')}\nERROR: failed to create cluster: command "docker run --name ${name}-control-plane --hostname ${name}-control-plane --privileged --detach ${image}" failed with error: exit status 125\n` +
        `Command Output: docker: Error response from daemon: invalid mount config for type "bind": bind source path does not exist: ${missingMount}\n`,
    );
  }
  const hostPorts = nodes.flatMap((node) => node.extraPortMappings ?? []).map((mapping) => mapping.hostPort);
  const taken = hostPorts.find((port) => world.portsInUse.has(port));
  if (taken !== undefined) {
    progress.push(' ✗ Preparing nodes 📦', `Deleted nodes: ["${name}-control-plane"]`);
    return fail(
      `${progress.join('\n')}\nERROR: failed to create cluster: command "docker run --name ${name}-control-plane --hostname ${name}-control-plane --privileged --detach ${image}" failed with error: exit status 125\n` +
        `Command Output: docker: Error response from daemon: driver failed programming external connectivity on endpoint ${name}-control-plane: Bind for 0.0.0.0:${taken} failed: port is already allocated.\n`,
    );
  }

  const version = /:(v\d+\.\d+\.\d+)/.exec(image)?.[1] ?? 'v1.34.0';
  const refused = containerdRefuses(config.containerdConfigPatches ?? [], CONTAINERD_OF_NODE_IMAGE[version] ?? '2.1.4');
  if (refused) {
    // containerd logs the reason inside the node; kind only sees kubeadm fail without a runtime.
    progress.push(
      ' ✓ Preparing nodes 📦',
      ' ✓ Writing configuration 📜',
      ' ✗ Starting control-plane 🕹️',
      `Deleted nodes: ["${name}-control-plane"]`,
    );
    return fail(
      `${progress.join('\n')}\nERROR: failed to create cluster: failed to init node with kubeadm: command "docker exec --privileged ${name}-control-plane kubeadm init --config=/kind/kubeadm.conf --skip-token-print --v=6" failed with error: exit status 1\n`,
    );
  }
  const cluster = new SimCluster(name, version, text ?? '');
  populate(world, cluster, nodes);
  world.clusters.set(name, cluster);
  for (const port of hostPorts) world.portsInUse.add(port);
  world.contexts.set(`kind-${name}`, name);
  world.currentContext = `kind-${name}`;
  progress.push(
    ' ✓ Preparing nodes 📦',
    ' ✓ Writing configuration 📜',
    ' ✓ Starting control-plane 🕹️',
    ' ✓ Installing CNI 🔌',
    ' ✓ Installing StorageClass 💾',
    `Set kubectl context to "kind-${name}"`,
    'You can now use your cluster with:',
    '',
    `kubectl cluster-info --context kind-${name}`,
    '',
    'Have a nice day! 👋',
  );
  return ok('', `${progress.join('\n')}\n`);
}

function remove(world: SimWorld, name: string) {
  const cluster = world.clusters.get(name);
  const lines = [`Deleting cluster "${name}" ...`];
  if (cluster) {
    const nodeNames = cluster.objects
      .filter((object) => object.kind === 'Node')
      .map((node) => `"${node.metadata.name}"`);
    lines.push(`Deleted nodes: [${nodeNames.join(' ')}]`);
    world.clusters.delete(name);
    world.contexts.delete(`kind-${name}`);
    if (world.currentContext === `kind-${name}`) world.currentContext = undefined;
    for (const port of hostPortsOf(cluster)) world.portsInUse.delete(port);
  }
  return ok('', `${lines.join('\n')}\n`);
}

function hostPortsOf(cluster: SimCluster): number[] {
  const config = (YAML.parse(cluster.config || '{}') ?? {}) as KindConfig;
  return (config.nodes ?? []).flatMap((node) => node.extraPortMappings ?? []).map((mapping) => mapping.hostPort);
}

const SYSTEM_PODS = [
  'coredns-7c65d6cfc9-4xk2p',
  'coredns-7c65d6cfc9-9vq8m',
  'etcd-{node}',
  'kindnet-8qhd5',
  'kube-apiserver-{node}',
  'kube-controller-manager-{node}',
  'kube-proxy-vrh64',
  'kube-scheduler-{node}',
];

/** What kind leaves behind: nodes that turn Ready, and system pods that then turn Running. */
function populate(world: SimWorld, cluster: SimCluster, nodes: KindNodeConfig[]): void {
  let workers = 0;
  const nodeObjects = nodes.map((node) => {
    const role = node.role ?? 'control-plane';
    const nodeName =
      role === 'control-plane' ? `${cluster.name}-control-plane` : `${cluster.name}-worker${workers++ ? workers : ''}`;
    const object: KubeObject = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: nodeName,
        labels: {
          'kubernetes.io/hostname': nodeName,
          ...(role === 'control-plane' ? {'node-role.kubernetes.io/control-plane': ''} : {}),
          ...node.labels,
        },
      },
      status: {nodeInfo: {kubeletVersion: cluster.kubernetesVersion}},
    };
    setCondition(
      object,
      'Ready',
      'False',
      'KubeletNotReady',
      'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
    );
    return object;
  });
  cluster.objects.push(...nodeObjects);
  for (const namespace of ['default', 'kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']) {
    cluster.objects.push({apiVersion: 'v1', kind: 'Namespace', metadata: {name: namespace}, status: {phase: 'Active'}});
  }
  const controlPlane = nodeObjects[0]!.metadata.name;
  const pods = [
    ...SYSTEM_PODS.map((pod) => ({name: pod.replace('{node}', controlPlane), namespace: 'kube-system'})),
    {name: 'local-path-provisioner-6f8956fb48-6fvt2', namespace: 'local-path-storage'},
  ];
  for (const pod of pods)
    cluster.objects.push({apiVersion: 'v1', kind: 'Pod', metadata: pod, status: {phase: 'Pending'}});

  if (world.faults.nodeNeverReady) {
    cluster.later(1, (c) =>
      c.event({
        namespace: 'default',
        type: 'Warning',
        reason: 'NodeNotReady',
        object: `node/${controlPlane}`,
        message: 'Node is not ready: container runtime network not ready: cni plugin not initialized',
      }),
    );
    return;
  }
  cluster.later(2, (c) => {
    for (const node of nodeObjects) {
      setCondition(node, 'Ready', 'True', 'KubeletReady', 'kubelet is posting ready status');
      c.event({
        namespace: 'default',
        type: 'Normal',
        reason: 'NodeReady',
        object: `node/${node.metadata.name}`,
        message: `Node ${node.metadata.name} status is now: NodeReady`,
      });
    }
  });
  cluster.later(3, (c) => {
    for (const pod of c.objects.filter((object) => object.kind === 'Pod')) pod.status = {phase: 'Running'};
  });
}
