/**
 * MinIO in the cluster: once a Deployment named `minio` is available it serves an S3 endpoint at
 * http://minio.<namespace>.svc:9000 with the root credentials its pod reads from a Secret; a Job
 * running `mc mb <alias>/<bucket>` creates the bucket. Deleting the namespace deletes the store.
 *
 * Modelled on minio/minio RELEASE.2025-09-07T16-13-09Z (the image minio.yaml pins):
 * internal/config/constants.go (MINIO_ROOT_USER, MINIO_ROOT_PASSWORD), cmd/healthcheck-router.go
 * (/minio/health/ready); the S3 errors are in object-store.ts.
 */
import {envValue, podSpecOf} from '../cluster';
import type {SimController} from '../world';
import {SimObjectStore} from './object-store';

// The store answers when the Deployment turns available (two reads, as the core controllers do); the bucket one read later.
const READY_READS = 2;
const SETUP_READS = 3;

export function minioUrl(namespace: string): string {
  return `http://minio.${namespace}.svc:9000`;
}

export const minioController: SimController = (cluster, object, world, change) => {
  const namespace = object.metadata.namespace ?? 'default';
  if (change === 'deleted') {
    if (object.kind === 'Namespace') world.objectStores.delete(minioUrl(object.metadata.name));
    return;
  }
  if (object.kind === 'Deployment' && object.metadata.name === 'minio') {
    cluster.later(READY_READS, () => {
      const env = podSpecOf(object).containers?.[0]?.env;
      const credentials = {
        accessKey: envValue(cluster, namespace, env, 'MINIO_ROOT_USER') ?? '',
        secretKey: envValue(cluster, namespace, env, 'MINIO_ROOT_PASSWORD') ?? '',
      };
      const existing = world.objectStores.get(minioUrl(namespace));
      // The data lives on a volume: the same credentials find the same buckets again.
      if (existing && JSON.stringify(existing.credentials) === JSON.stringify(credentials)) return;
      world.objectStores.set(minioUrl(namespace), new SimObjectStore(credentials));
    });
  }
  const setup = podSpecOf(object).containers?.find((container) => container.image?.startsWith('minio/mc'));
  if (object.kind === 'Job' && setup) {
    const words = [...(setup.command ?? []), ...(setup.args ?? [])];
    const buckets = words.filter((word) => /^[\w-]+\/[\w.-]+$/.test(word)).map((word) => word.split('/')[1]!);
    cluster.later(SETUP_READS, () => {
      for (const bucket of buckets) world.objectStores.get(minioUrl(namespace))?.createBucket(bucket);
    });
  }
};
