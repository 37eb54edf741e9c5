/**
 * The built-in Kubernetes controllers of the simulation: what happens in a healthy cluster a
 * little while after an object is applied. Runbook-specific behaviour (ArgoCD, Velero, ...) is
 * added by their own controllers.
 */
import {setCondition} from './cluster';
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
      cluster.later(ROLLOUT_READS, () => {
        object.status = {replicas, readyReplicas: replicas, availableReplicas: replicas};
        setCondition(object, 'Available', 'True', 'MinimumReplicasAvailable', `${object.kind} has minimum availability.`);
      });
      return;
    }
    case 'DaemonSet':
      // One node in a kind cluster: one pod per DaemonSet.
      object.status = {desiredNumberScheduled: 1, numberReady: 0};
      cluster.later(ROLLOUT_READS, () => void (object.status = {desiredNumberScheduled: 1, numberReady: 1, numberAvailable: 1}));
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
