/** A throwaway copy of the site's runbooks (sources linked, runbooks copied) to edit and plant evidence in. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {Evidence} from '../../../src/runbook/reporters/evidence';
import {plantEvidence as plant} from '../../support/evidence';

export const ROOT = path.resolve(__dirname, '../../..');

export function siteCopy(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'edf-site-'));
  fs.symlinkSync(path.join(ROOT, 'src'), path.join(root, 'src'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'));
  fs.cpSync(path.join(ROOT, 'runbooks'), path.join(root, 'runbooks'), {recursive: true});
  fs.mkdirSync(path.join(root, 'docs'));
  return root;
}

export async function plantEvidence(root: string, id: string, change: Partial<Evidence> = {}): Promise<Evidence> {
  return plant(root, id, 'verification', {change});
}
