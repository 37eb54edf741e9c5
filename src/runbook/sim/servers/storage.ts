/**
 * kind's default storage, as a pod's volume data lives and dies with it. Modelled on:
 * - kind v0.30.0 `pkg/build/nodeimage/const_storage.go`: StorageClass `standard` (the default),
 *   provisioner `rancher.io/local-path`, `volumeBindingMode: WaitForFirstConsumer`,
 *   `reclaimPolicy: Delete`, volumes under `/var/local-path-provisioner` on the node;
 * - local-path-provisioner v0.0.30 (kind v0.30.0 `images/local-path-provisioner/Makefile`),
 *   `provisioner.go` `provisionFor` / `createPersistentVolumeSource`: the PV is a `hostPath` volume
 *   unless the claim carries the annotation `volumeType: local` (or the class `defaultVolumeType`),
 *   which makes it a `local` volume with node affinity.
 * A claim stays Pending until a pod that uses it is scheduled; then a PV is made and bound. Deleting
 * the claim (or its namespace) deletes the PV and its data.
 *
 * Not modelled: capacity, access modes, the provisioner's helper pod, the class's own
 * `defaultVolumeType` annotation (kind does not set one).
 */
import type {KubeObject} from '../../kube';
import type {SimCluster} from '../cluster';
import type {SimController} from '../world';

const PROVISIONER = 'rancher.io/local-path';
const NODE_PATH = '/var/local-path-provisioner';

export interface PodVolume {
  /** The volume's name in the pod spec. */
  name: string;
  claim?: KubeObject;
  volume?: KubeObject;
}

interface SimPodSpec {
  nodeName?: string;
  volumes?: Array<{name: string; persistentVolumeClaim?: {claimName: string}; hostPath?: unknown; emptyDir?: unknown}>;
  containers?: Array<{name?: string; volumeMounts?: Array<{name: string; mountPath: string}>}>;
}

export const podSpec = (pod: KubeObject): SimPodSpec => (pod.spec ?? {}) as SimPodSpec;

/** The PersistentVolume bound to a claim, if any. */
export function boundVolume(cluster: SimCluster, claim: KubeObject | undefined): KubeObject | undefined {
  const name = (claim?.spec as {volumeName?: string} | undefined)?.volumeName;
  return name ? cluster.find('PersistentVolume', name) : undefined;
}

/** The pod's volumes with the claims and persistent volumes behind them. */
export function podVolumes(cluster: SimCluster, pod: KubeObject): PodVolume[] {
  return (podSpec(pod).volumes ?? []).map((volume) => {
    const claim = volume.persistentVolumeClaim
      ? cluster.find('PersistentVolumeClaim', volume.persistentVolumeClaim.claimName, pod.metadata.namespace)
      : undefined;
    return {name: volume.name, claim, volume: boundVolume(cluster, claim)};
  });
}

/** What a PersistentVolume holds (file path inside the volume -> content); created on first use. */
export function volumeFiles(cluster: SimCluster, volume: KubeObject): Map<string, string> {
  let files = cluster.volumeData.get(volume.metadata.name);
  if (!files) cluster.volumeData.set(volume.metadata.name, (files = new Map()));
  return files;
}

/** The volume and the path inside it that a container path is on, when it is on a persistent volume. */
export function fileOnVolume(
  cluster: SimCluster,
  pod: KubeObject,
  container: string | undefined,
  file: string,
): {volume: KubeObject; path: string} | undefined {
  const spec = podSpec(pod);
  const chosen = spec.containers?.find((candidate) => candidate.name === container) ?? spec.containers?.[0];
  for (const mount of chosen?.volumeMounts ?? []) {
    const prefix = mount.mountPath.replace(/\/$/, '');
    if (!file.startsWith(`${prefix}/`)) continue;
    const volume = podVolumes(cluster, pod).find((candidate) => candidate.name === mount.name)?.volume;
    return volume && {volume, path: file.slice(prefix.length + 1)};
  }
  return undefined;
}

/** Volumes made per cluster, for names that do not depend on what else ran in this process. */
const provisioned = new WeakMap<SimCluster, number>();

/** Binds a pod's pending claims to new volumes, as the scheduler and local-path-provisioner do. */
function provisionClaimsOf(cluster: SimCluster, pod: KubeObject): void {
  for (const {claim} of podVolumes(cluster, pod)) {
    if (!claim || boundVolume(cluster, claim)) continue;
    const sequence = (provisioned.get(cluster) ?? 0) + 1;
    provisioned.set(cluster, sequence);
    const name = `pvc-${String(sequence).padStart(8, '0')}-sim`;
    const namespace = claim.metadata.namespace ?? 'default';
    const local =
      ((claim.metadata.annotations as Record<string, string> | undefined)?.volumeType ?? '').toLowerCase() === 'local';
    const path = `${NODE_PATH}/${name}_${namespace}_${claim.metadata.name}`;
    cluster.upsert({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: {name, annotations: {'pv.kubernetes.io/provisioned-by': PROVISIONER}},
      spec: {
        ...(local
          ? {
              local: {path},
              nodeAffinity: {
                required: {
                  nodeSelectorTerms: [
                    {
                      matchExpressions: [
                        {
                          key: 'kubernetes.io/hostname',
                          operator: 'In',
                          values: [podSpec(pod).nodeName ?? `${cluster.name}-control-plane`],
                        },
                      ],
                    },
                  ],
                },
              },
            }
          : {hostPath: {path, type: 'DirectoryOrCreate'}}),
        claimRef: {kind: 'PersistentVolumeClaim', namespace, name: claim.metadata.name},
        persistentVolumeReclaimPolicy: 'Delete',
        storageClassName: 'standard',
      },
      status: {phase: 'Bound'},
    });
    claim.spec = {
      ...claim.spec,
      volumeName: name,
      storageClassName: (claim.spec as {storageClassName?: string} | undefined)?.storageClassName ?? 'standard',
    };
    claim.status = {phase: 'Bound'};
  }
}

/**
 * Applying a claim again does not unbind it: `spec.volumeName` was set by the binder, not by the
 * manifest, so `kubectl apply` leaves it (and the PV's claimRef still names the claim).
 */
function keepBindingOrWait(cluster: SimCluster, claim: KubeObject): void {
  const volume = cluster.objects.find((object) => {
    const ref = (object.spec as {claimRef?: {namespace?: string; name?: string}} | undefined)?.claimRef;
    return (
      object.kind === 'PersistentVolume' &&
      ref?.namespace === claim.metadata.namespace &&
      ref?.name === claim.metadata.name
    );
  });
  if (volume) {
    claim.spec = {...claim.spec, volumeName: volume.metadata.name};
    claim.status = {phase: 'Bound'};
  } else {
    claim.status = {phase: 'Pending'};
  }
}

/** reclaimPolicy Delete: a volume goes, with its data, when its claim does. */
function reclaim(cluster: SimCluster, claimed: (ref: {namespace?: string; name?: string}) => boolean): void {
  for (const volume of cluster.objects.filter(
    (object) =>
      object.kind === 'PersistentVolume' &&
      claimed((object.spec as {claimRef?: {namespace?: string; name?: string}}).claimRef ?? {}),
  )) {
    cluster.remove('PersistentVolume', volume.metadata.name);
    cluster.volumeData.delete(volume.metadata.name);
  }
}

export const storageController: SimController = (cluster, object, _world, change) => {
  if (change === 'deleted') {
    if (object.kind === 'Namespace') reclaim(cluster, (ref) => ref.namespace === object.metadata.name);
    if (object.kind === 'PersistentVolumeClaim')
      reclaim(cluster, (ref) => ref.namespace === object.metadata.namespace && ref.name === object.metadata.name);
    return;
  }
  if (object.kind === 'PersistentVolumeClaim' && !boundVolume(cluster, object)) keepBindingOrWait(cluster, object);
  if (object.kind === 'Pod') provisionClaimsOf(cluster, object);
};
