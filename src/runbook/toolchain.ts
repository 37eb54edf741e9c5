/**
 * Everything a runbook touches outside its own code: processes, files, ports and time. The real
 * toolchain is this machine; the simulated one (`./sim`) answers as kind, kubectl, docker, ...
 * answer, so the same runbook code runs in tests, in plan mode and on a laptop.
 */
import childProcess from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import {kill as zxKill} from 'zx/core';
import {realClock, type Clock} from './clock';

export interface Files {
  write(file: string, content: string, mode: number): Promise<void>;
  read(file: string): Promise<string>;
  exists(file: string): Promise<boolean>;
  /** Deletes a file, or a folder with everything in it (a clone from an earlier run). */
  remove(file: string): Promise<void>;
}

export interface Toolchain {
  kind: 'real' | 'simulated';
  spawn: typeof childProcess.spawn;
  kill: (pid: number | `${number}`, signal?: NodeJS.Signals) => Promise<void>;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  files: Files;
  isPortFree(port: number): Promise<boolean>;
}

const diskFiles: Files = {
  async write(file, content, mode) {
    await fs.mkdir(path.dirname(file), {recursive: true});
    // Create with the final mode, so a credentials file is never readable by others, not even briefly.
    await fs.writeFile(file, content, {mode});
    await fs.chmod(file, mode);
  },
  read: (file) => fs.readFile(file, 'utf8'),
  exists: (file) =>
    fs.access(file).then(
      () => true,
      () => false,
    ),
  remove: (file) => fs.rm(file, {force: true, recursive: true}),
};

/** Whether nothing listens on the port on any interface (kind binds 0.0.0.0). */
function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.once('listening', () => server.close(() => resolve(true)));
    server.listen({port, host: '0.0.0.0', exclusive: true});
  });
}

export function realToolchain(): Toolchain {
  return {
    kind: 'real',
    spawn: childProcess.spawn,
    kill: zxKill,
    env: process.env,
    clock: realClock,
    files: diskFiles,
    isPortFree,
  };
}
