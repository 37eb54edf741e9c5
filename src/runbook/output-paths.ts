/**
 * `--report` and `--record` are checked before the run starts: a run that changed a cluster and
 * only then finds it cannot write its evidence has lost it. Folders are created here, one level
 * at a time (Node's recursive mkdir never returns for a path under /proc), and a probe file
 * proves that each folder takes files.
 */
import fs from 'node:fs';
import path from 'node:path';
import {UsageError} from './errors';

/** Creates the folder (and its parents) unless it exists, and proves files can be written into it. */
export function prepareOutputFolder(dir: string, option: string): void {
  const missing: string[] = [];
  let existing = path.resolve(dir);
  while (!fs.existsSync(existing)) {
    missing.unshift(existing);
    existing = path.dirname(existing);
  }
  if (!fs.statSync(existing).isDirectory())
    throw new UsageError(`${option} ${dir}: ${existing} is a file, so no folder can be created in it.`);
  for (const folder of missing) {
    try {
      fs.mkdirSync(folder);
    } catch (error) {
      throw new UsageError(`${option} ${dir}: cannot create the folder ${folder} (${reason(error)}).`);
    }
  }
  const probe = path.join(dir, `.write-test-${process.pid}`);
  try {
    fs.writeFileSync(probe, '', {flag: 'wx'});
    fs.rmSync(probe);
  } catch (error) {
    throw new UsageError(`${option} ${dir}: cannot write files into this folder (${reason(error)}).`);
  }
}

/** A file the run will write: not a folder, writable if it exists, in a folder that takes files. */
export function prepareOutputFile(file: string, option: string): void {
  if (fs.existsSync(file)) {
    if (fs.statSync(file).isDirectory())
      throw new UsageError(
        `${option} ${file}: this is a folder; give a file name, e.g. ${path.join(file, 'run.cast')}.`,
      );
    try {
      fs.accessSync(file, fs.constants.W_OK);
    } catch (error) {
      throw new UsageError(`${option} ${file}: the file cannot be overwritten (${reason(error)}).`);
    }
  }
  prepareOutputFolder(path.dirname(file), option);
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
