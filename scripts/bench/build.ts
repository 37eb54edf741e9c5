/**
 * One timed production build of a Docusaurus site: wall time, peak memory of the whole build
 * (the resident memory of every process in the build's process group, summed and sampled five
 * times a second, since a build runs worker processes besides the main one) and pages built.
 * A cold build first removes the site's generated files and caches; a warm one keeps them.
 */
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {performance} from 'node:perf_hooks';

export interface BuildRun {
  site: string;
  kind: 'cold' | 'warm';
  ok: boolean;
  seconds: number;
  peakRssMiB: number;
  pages: number;
  /** The build's last output lines when it failed. */
  failure?: string;
}

const SAMPLE_MS = 200;
const PAGE_SIZE = 4096;

/** Resident memory (bytes) of every live process whose process group is `group`. */
function groupRss(group: number): number {
  let total = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid pgrp ..."; comm may hold spaces, so split after ')'.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== group) continue;
      const pages = Number(fs.readFileSync(`/proc/${entry}/statm`, 'utf8').split(' ')[1]);
      total += pages * PAGE_SIZE;
    } catch {
      // the process ended while we read it
    }
  }
  return total;
}

/** Every `.html` file under `dir`: with `trailingSlash: false`, one per page. */
export function countPages(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir, {recursive: true, encoding: 'utf8'}).filter((file) => file.endsWith('.html')).length;
}

/** The site's own docusaurus when it has one installed, else this project's. */
function docusaurusBin(siteDir: string, root: string): string {
  const own = path.join(siteDir, 'node_modules/.bin/docusaurus');
  return fs.existsSync(own) ? own : path.join(root, 'node_modules/.bin/docusaurus');
}

export async function timedBuild(options: {
  site: string;
  siteDir: string;
  outDir: string;
  kind: 'cold' | 'warm';
  root: string;
}): Promise<BuildRun> {
  const {siteDir, outDir, kind} = options;
  if (kind === 'cold') {
    for (const generated of [outDir, path.join(siteDir, '.docusaurus'), path.join(siteDir, 'node_modules/.cache')])
      fs.rmSync(generated, {recursive: true, force: true});
  }
  const started = performance.now();
  const child = spawn(docusaurusBin(siteDir, options.root), ['build', '--out-dir', outDir], {
    cwd: siteDir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    tail.push(...chunk.toString('utf8').split('\n'));
    tail.splice(0, Math.max(0, tail.length - 15));
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let peak = 0;
  const sampler = setInterval(() => {
    if (child.pid) peak = Math.max(peak, groupRss(child.pid));
  }, SAMPLE_MS);
  const code = await new Promise<number>((resolve) => {
    child.on('error', () => resolve(127));
    child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 128 : 1)));
  });
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  return {
    site: options.site,
    kind,
    ok: code === 0,
    seconds,
    peakRssMiB: peak / 1024 / 1024,
    pages: code === 0 ? countPages(outDir) : 0,
    ...(code === 0 ? {} : {failure: tail.join('\n').trim()}),
  };
}
