/**
 * The built-in Kubernetes controllers of the simulation: what happens in a healthy cluster a
 * little while after an object is applied. Runbook-specific behaviour (ArgoCD, Velero, ...) is
 * added by their own controllers.
 */
import type {KubeObject} from '../kube';
import {podSpecOf, setCondition, type SimCluster} from './cluster';
import {imagePullError} from './servers/registry';
import type {SimController} from './world';

// A realistic delay, in API calls, before a workload reports ready.
const ROLLOUT_READS = 2;

export const coreControllers: SimController = (cluster, object, _world, change) => {
  if (change === 'deleted') return;
  switch (object.kind) {
    case 'Namespace':
      object.status = {phase: 'Active'};
      return;
    case 'Deployment':
    case 'StatefulSet': {
      const replicas = Number((object.spec as {replicas?: number} | undefined)?.replicas ?? 1);
      object.status = {replicas, readyReplicas: 0, availableReplicas: 0};
      if (podsCannotPull(cluster, object)) return;
      cluster.later(ROLLOUT_READS, () => {
        object.status = {replicas, readyReplicas: replicas, availableReplicas: replicas};
        setCondition(
          object,
          'Available',
          'True',
          'MinimumReplicasAvailable',
          `${object.kind} has minimum availability.`,
        );
      });
      return;
    }
    case 'DaemonSet':
      // One node in a kind cluster: one pod per DaemonSet.
      object.status = {desiredNumberScheduled: 1, numberReady: 0};
      if (podsCannotPull(cluster, object)) return;
      cluster.later(
        ROLLOUT_READS,
        () => void (object.status = {desiredNumberScheduled: 1, numberReady: 1, numberAvailable: 1}),
      );
      return;
    case 'Job':
      object.status = {active: 1};
      cluster.later(ROLLOUT_READS, () => {
        object.status = {succeeded: 1};
        setCondition(object, 'Complete', 'True', '', '');
      });
      return;
    case 'Pod':
      object.status = {phase: 'Pending'};
      cluster.later(ROLLOUT_READS, () => void (object.status = {phase: 'Running'}));
      return;
    default:
      return;
  }
};

/**
 * A workload whose pod template names an image the registry does not have: its pod stays
 * Pending with the container waiting in ErrImagePull and then ImagePullBackOff (the kubelet's
 * reasons, kubernetes v1.34 `pkg/kubelet/images/types.go`), a Warning event "Failed to pull image",
 * and the workload never becomes available. Returns false when every image can be pulled.
 */
function podsCannotPull(cluster: SimCluster, workload: KubeObject): boolean {
  const template = (workload.spec as {template?: {metadata?: {labels?: Record<string, string>}}} | undefined)?.template;
  const spec = podSpecOf(workload);
  const failing = [
    ...(spec.initContainers ?? []).map((container) => ({container, init: true})),
    ...(spec.containers ?? []).map((container) => ({container, init: false})),
  ]
    .map((entry) => ({...entry, error: imagePullError(entry.container.image ?? '')}))
    .find((entry) => entry.error);
  if (!failing) return false;
  const name = `${workload.metadata.name}-0-sim`;
  const namespace = workload.metadata.namespace ?? 'default';
  const image = failing.container.image ?? '';
  const waiting = (reason: string, message: string) => [
    {name: failing.container.name ?? '', image, ready: false, state: {waiting: {reason, message}}},
  ];
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {name, namespace, labels: template?.metadata?.labels ?? {}},
    status: {phase: 'Pending'},
  };
  const statusKey = failing.init ? 'initContainerStatuses' : 'containerStatuses';
  pod.status = {phase: 'Pending', [statusKey]: waiting('ErrImagePull', failing.error!)};
  cluster.upsert(pod);
  cluster.event({
    namespace,
    type: 'Warning',
    reason: 'Failed',
    object: `pod/${name}`,
    message: `Failed to pull image "${image}": ${failing.error}`,
  });
  cluster.later(
    1,
    () =>
      void (pod.status = {
        phase: 'Pending',
        [statusKey]: waiting('ImagePullBackOff', `Back-off pulling image "${image}"`),
      }),
  );
  return true;
}
