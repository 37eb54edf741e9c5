/**
 * The simulated machine a `--plan` walks the runbooks on: fresh, plus what the options say exists
 * outside it. A plan shows what a run does when the options hold; it never reads this machine,
 * so a context, an S3 endpoint or a credentials file given on the command line is stood in for.
 * The CLI's composition root (scripts/runbook.ts) hands this to the engine's `main`.
 */
import path from 'node:path';
import type {RunOptions} from '../model';
import {createKindCluster} from './clis/kind';
import {createSimWorld} from './index';
import {SimObjectStore} from './servers/object-store';
import type {SimWorld} from './world';

/** Placeholder credentials of a stood-in S3 endpoint; nothing real is read for a plan. */
const PLAN_S3 = {accessKey: 'plan-access-key', secretKey: 'plan-secret-key'};

export function planWorld(options: Pick<RunOptions, 'context' | 'values'>, root: string): SimWorld {
  const world = createSimWorld();
  if (options.context) standInCluster(world, options.context);
  standInS3(world, options.values, root);
  return world;
}

/** `--context <name>`: an existing cluster answers behind that context. */
function standInCluster(world: SimWorld, context: string): void {
  const name = 'existing';
  createKindCluster(world, '', name, undefined, undefined);
  world.contexts.delete(`kind-${name}`);
  world.contexts.set(context, name);
  world.currentContext = context;
}

/**
 * `--s3-url`, `--bucket` and `--credentials-file` together: the endpoint serves the bucket and the
 * file holds keys it accepts. (Which options name outside things is not declared by the runbook
 * yet; until RunbookOption says so, these are the ones today's runbooks have.) An incomplete set
 * is left alone, so the plan reports what the runbook's preflight says about it.
 */
function standInS3(world: SimWorld, values: Record<string, string>, root: string): void {
  const {'s3-url': url, bucket, 'credentials-file': file} = values;
  if (!url || !bucket || !file) return;
  const store = new SimObjectStore({...PLAN_S3});
  store.createBucket(bucket);
  world.objectStores.set(url, store);
  const content = `[default]\naws_access_key_id = ${PLAN_S3.accessKey}\naws_secret_access_key = ${PLAN_S3.secretKey}\n`;
  // The runbook reads it relative to where the CLI runs, the simulated velero relative to the root.
  for (const where of new Set([path.resolve(file), path.resolve(root, file)]))
    world.files.set(where, {content, mode: 0o600});
}
