/**
 * Bootstrap: the `localdev` kind cluster that every other runbook (and idpbuilder) builds on.
 * The kind config lives in runbooks/assets/bootstrap/kind-localdev.yaml; the handbook page shows
 * it from this runbook's plan.
 */
import {
  clusterReachable,
  conditionStatus,
  defineRunbook,
  docker,
  dockerEngineReachable,
  hostPortFree,
  kind,
  KIND_CLUSTER,
  KIND_CONTEXT,
  kindClusterExists,
  kubectl,
  onlyWithKind,
  posixQuote,
  StepAssertionError,
  type KubeObject,
} from '../src/runbook';

const notReady = (items: KubeObject[], ready: (item: KubeObject) => boolean) =>
  items.filter((item) => !ready(item)).map((item) => item.metadata.name);

/**
 * The node's /etc/containerd/certs.d (kind-localdev.yaml mounts this folder): one folder per
 * registry host with its hosts.toml, here Gitea's registry as idpbuilder's path routing serves it.
 */
export const CONTAINERD_CERTS_DIR = '.cache/runbooks/bootstrap/containerd-certs.d';
const GITEA_REGISTRY = 'cnoe.localtest.me:8443';

export default defineRunbook({
  id: 'bootstrap',
  title: 'Bootstrap the localdev cluster',
  summary: `Creates the kind cluster ${KIND_CLUSTER} with the handbook's config (ingress-ready node, HTTPS on host port 8443, containerd told about Gitea's registry) and checks that it is healthy.`,
  useCases: ['UC-1'],
  needs: [],
  tools: [docker, kind, kubectl],
  preflight: [
    dockerEngineReachable,
    {...hostPortFree(8443, 'HTTPS ingress to ArgoCD, Gitea and Backstage'), upOnly: true},
    {...clusterReachable, skip: (options) => (options.context ? false : 'this runbook creates the cluster')},
  ],
  steps: [
    {
      id: 'create-cluster',
      title: `Create the kind cluster ${KIND_CLUSTER}`,
      why: `kind runs a Kubernetes node as a Docker container. idpbuilder reuses an existing cluster named localdev, so creating it ourselves pins the node image and the ports. First the runbook copies runbooks/assets/bootstrap/hosts.toml to ${CONTAINERD_CERTS_DIR}/${GITEA_REGISTRY}/hosts.toml: kind mounts that folder as the node's /etc/containerd/certs.d, and Docker does not start a node whose mount source is missing.`,
      note: 'The whole platform stands on this: one Docker container is a complete Kubernetes node, with the same pinned node image on every laptop and in CI.',
      expect: `kind ends with "Set kubectl context to ${KIND_CONTEXT}". An existing ${KIND_CLUSTER} cluster is reused, not recreated.`,
      skip: onlyWithKind,
      check: (ctx) => kindClusterExists(ctx),
      async action(ctx) {
        ctx.onInterrupt(
          `delete the half-created cluster ${KIND_CLUSTER}`,
          (cleanup) => cleanup.$`kind delete cluster --name ${KIND_CLUSTER}`,
        );
        // Docker refuses to start the node when a bind mount's source does not exist.
        await ctx.files.write(`${CONTAINERD_CERTS_DIR}/${GITEA_REGISTRY}/hosts.toml`, ctx.asset('hosts.toml'), 0o644);
        await ctx.$({input: ctx.asset('kind-localdev.yaml')})`kind create cluster --name ${KIND_CLUSTER} --config -`;
      },
    },
    {
      id: 'kube-context',
      title: `Make sure the kube context ${KIND_CONTEXT} exists`,
      why: 'Every command names its context explicitly, so a different current context can never receive our changes. A reused cluster may be missing from a fresh kubeconfig.',
      expect: `kubectl config get-contexts lists ${KIND_CONTEXT}.`,
      skip: onlyWithKind,
      check: async (ctx) =>
        (await ctx.$`kubectl config get-contexts -o name`).stdout.split('\n').includes(KIND_CONTEXT),
      async action(ctx) {
        await ctx.$`kind export kubeconfig --name ${KIND_CLUSTER}`;
      },
    },
    {
      id: 'nodes-ready',
      title: 'Wait until every node is Ready',
      why: "kind's own --wait only prints a warning and exits 0 when the node never turns Ready, so the runbook checks the nodes itself.",
      note: "The runbook does not take kind's exit code on trust; it asks the cluster itself. Checks like this one are what the old wiki pages never had.",
      expect: 'kubectl get nodes shows STATUS Ready.',
      verify: (ctx) =>
        ctx.kube.waitForList({
          what: 'every node to be Ready',
          resource: 'nodes',
          timeout: '3m',
          until: (nodes) => {
            const pending = notReady(nodes, (node) => conditionStatus(node, 'Ready') === 'True');
            return nodes.length > 0 && pending.length === 0
              ? true
              : `not Ready: ${pending.join(', ') || 'no nodes yet'}`;
          },
        }),
    },
    {
      id: 'system-pods-running',
      title: 'Wait until the kube-system pods are Running',
      why: 'CoreDNS, the CNI and the control plane must run before anything is installed; the handbook checks this with kubectl get pods -A.',
      expect:
        'kubectl get pods -n kube-system shows every pod Running (coredns, etcd, kindnet, kube-apiserver, kube-proxy, ...).',
      verify: (ctx) =>
        ctx.kube.waitForList({
          what: 'every pod in kube-system to be Running',
          resource: 'pods',
          namespace: 'kube-system',
          timeout: '3m',
          until: (pods) => {
            const pending = notReady(pods, (pod) => pod.status?.phase === 'Running');
            return pods.length > 0 && pending.length === 0
              ? true
              : `not Running: ${pending.join(', ') || 'no pods yet'}`;
          },
        }),
    },
  ],
  down: [
    {
      id: 'delete-cluster',
      title: `Delete the kind cluster ${KIND_CLUSTER}`,
      why: 'Tearing down is as routine as setting up: the next run starts from a clean cluster. Everything inside the cluster is lost.',
      expect: `kind get clusters no longer lists ${KIND_CLUSTER}.`,
      skip: (options) => (options.context ? 'the cluster behind --context was not created by this runbook' : false),
      check: async (ctx) => !(await kindClusterExists(ctx)),
      async action(ctx) {
        if (!(await ctx.confirm(`Delete the kind cluster ${KIND_CLUSTER} and everything in it?`))) {
          throw new StepAssertionError(
            'Deletion was not confirmed; nothing was deleted.',
            'Run again and answer yes, or pass --yes.',
          );
        }
        await ctx.$`kind delete cluster --name ${KIND_CLUSTER}`;
      },
      // `kind delete` exits 0 even when a delete fails, so look again.
      async verify(ctx) {
        if (await kindClusterExists(ctx))
          throw new StepAssertionError(
            `kind still lists ${KIND_CLUSTER} after deleting it.`,
            'Check `docker ps -a --filter label=io.x-k8s.kind.cluster` and remove leftover containers.',
          );
      },
    },
  ],
  next: (options) =>
    options.context
      ? [
          `The cluster behind ${options.context} is healthy.`,
          `Next: npm run runbook -- cnoe-showtime --context ${posixQuote(options.context)}`,
        ]
      : [
          `The ${KIND_CLUSTER} cluster is ready: kubectl --context ${KIND_CONTEXT} get pods -A`,
          'Next: install the platform with npm run runbook -- cnoe-showtime',
          'Remove it again with npm run runbook -- bootstrap --down',
        ],
});
