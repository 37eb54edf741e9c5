/**
 * One run per cluster at a time. Two runs on one kube context would take each other's
 * half-created cluster for "already done" and share their work folder (`workDirOf`), so a run
 * holds a lock file named after its context for as long as it works there. The file holds the
 * pid of its run: a lock whose process is gone (killed, machine rebooted) is taken over.
 */
import fs from 'node:fs';
import path from 'node:path';
import {contextFileName} from './kube-context';

export interface RunLock {
  file: string;
  release(): void;
}

interface Holder {
  pid: number;
  runbook: string;
  startedAt: string;
}

export class RunLockedError extends Error {
  constructor(
    readonly file: string,
    readonly holder: Holder,
    context: string,
  ) {
    super(
      `Another run (pid ${holder.pid}, ${holder.runbook}, since ${holder.startedAt}) is working on the cluster of context ${context}. ` +
        `Wait for it to end; if no such run exists, delete ${file}.`,
    );
    this.name = 'RunLockedError';
  }
}

/** The lock file of a context. */
export function lockFileOf(dir: string, context: string): string {
  return path.join(dir, `${contextFileName(context)}.lock`);
}

export function acquireRunLock(dir: string, context: string, runbook: string, pid = process.pid): RunLock {
  const file = lockFileOf(dir, context);
  fs.mkdirSync(dir, {recursive: true});
  const holder: Holder = {pid, runbook, startedAt: new Date().toISOString()};
  // Two attempts: the second after taking over a stale lock. Creating with `wx` is atomic, so of
  // two runs that both found the stale lock, only one gets the new one.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, `${JSON.stringify(holder)}\n`, {flag: 'wx'});
      return {file, release: () => releaseIfOurs(file, pid)};
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const current = readHolder(file);
    if (current ? isAlive(current.pid) : justCreated(file))
      throw new RunLockedError(file, current ?? {pid: 0, runbook: 'unknown', startedAt: 'just now'}, context);
    fs.rmSync(file, {force: true});
  }
  throw new RunLockedError(file, readHolder(file) ?? {pid: 0, runbook: 'unknown', startedAt: 'just now'}, context);
}

/** An empty lock file of the last seconds is another run between creating and writing it. */
function justCreated(file: string): boolean {
  try {
    return Date.now() - fs.statSync(file).mtimeMs < 5000;
  } catch {
    return false;
  }
}

function readHolder(file: string): Holder | undefined {
  try {
    const holder = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Holder>;
    return typeof holder.pid === 'number'
      ? {pid: holder.pid, runbook: String(holder.runbook), startedAt: String(holder.startedAt)}
      : undefined;
  } catch {
    // Unreadable or half-written: nobody can prove they hold it.
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Only our own lock is removed: a lock taken over after ours was declared stale is not ours. */
function releaseIfOurs(file: string, pid: number): void {
  if (readHolder(file)?.pid === pid) fs.rmSync(file, {force: true});
}
