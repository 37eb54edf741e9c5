/**
 * `npm run build:planted` step: plants evidence for the e2e site build in the given folder.
 * bootstrap gets passing evidence for its current source with a transcript (VERIFIED); every
 * other runbook gets evidence of an older source (OUTDATED).
 */
import fs from 'node:fs';
import path from 'node:path';
import {loadRunbooks} from '../../src/runbook/registry';
import {plantEvidence, STALE_HASH} from './evidence';

async function main() {
  const root = path.resolve(__dirname, '../..');
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: plant-evidence.ts <folder>');
  fs.rmSync(path.join(root, dir), {recursive: true, force: true});
  for (const id of (await loadRunbooks(root)).keys()) {
    await plantEvidence(root, id, dir, id === 'bootstrap' ? {transcript: true} : {change: {sourceHash: STALE_HASH}});
  }
}

void main();
