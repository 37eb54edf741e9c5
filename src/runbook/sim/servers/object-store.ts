/**
 * An S3-compatible object store (MinIO in the cluster, or OTC OBS outside it): buckets of objects
 * behind one pair of credentials. Velero's simulated server keeps its backups here.
 */
export interface SimS3Credentials {
  accessKey: string;
  secretKey: string;
}

export class SimObjectStore {
  readonly buckets = new Map<string, Map<string, unknown>>();

  constructor(public credentials: SimS3Credentials) {}

  createBucket(name: string): void {
    if (!this.buckets.has(name)) this.buckets.set(name, new Map());
  }

  /**
   * Why a client with these credentials cannot use the bucket, in the S3 error's words, or undefined:
   * minio/minio RELEASE.2025-09-07T16-13-09Z cmd/api-errors.go (InvalidAccessKeyId,
   * SignatureDoesNotMatch, NoSuchBucket: codes and descriptions).
   */
  refusal(credentials: Partial<SimS3Credentials>, bucket: string): string | undefined {
    if (credentials.accessKey !== this.credentials.accessKey)
      return 'InvalidAccessKeyId: The Access Key Id you provided does not exist in our records.';
    if (credentials.secretKey !== this.credentials.secretKey)
      return 'SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided. Check your key and signing method.';
    if (!this.buckets.has(bucket)) return 'NoSuchBucket: The specified bucket does not exist';
    return undefined;
  }
}
