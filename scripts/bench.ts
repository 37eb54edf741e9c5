/**
 * `npm run bench [-- --peer <site dir>] [--rounds N]`: the figures that belong in numbers, not in
 * timed tests, as one table and as JSON (.cache/bench/bench.json). Cold and warm production
 * builds (time, peak memory, pages), the JavaScript five kinds of page load in a browser, their
 * Lighthouse scores on mobile and desktop, and plan mode per runbook. With --peer another
 * Docusaurus site is built and measured in the same run, its builds alternating with ours so that
 * both see the same machine load, and the table gets the ratios. Nothing here is part of npm test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {chromium} from '@playwright/test';
import {type BuildRun, timedBuild} from './bench/build';
import {
  COLD_BUILD_BUDGET_S,
  JS_GZIP_BUDGET,
  LIGHTHOUSE_BUDGET,
  type MeasuredPage,
  PAGES,
  type PageType,
} from './bench/budgets';
import {type LighthouseRun, lighthouseRun} from './bench/lighthouse';
import {measurePageJs, type PageJs} from './bench/page-js';
import {planTimings} from './bench/plan';
import {formatTable, type Row, ratio, verdict} from './bench/report';
import {serveSite} from './bench/serve';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, '.cache/bench');
const PLAN_ROUNDS = 5;
const CHROMIUM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'];

interface Site {
  name: string;
  dir: string;
  outDir: string;
  pages: MeasuredPage[];
}

interface PageResult {
  site: string;
  type: PageType;
  path: string;
  js: Omit<PageJs, 'scripts'> & {files: number};
  lighthouse: LighthouseRun[];
}

function usage(message: string): never {
  process.stderr.write(`bench: ${message}\nUsage: npm run bench -- [--peer <docusaurus site dir>] [--rounds N]\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): {peer?: string; rounds: number} {
  let peer: string | undefined;
  let rounds = 1;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    const value = argv[index + 1];
    if (arg === '--peer' && value) {
      peer = path.resolve(value);
      index++;
    } else if (arg === '--rounds' && value && /^[1-9]\d*$/.test(value)) {
      rounds = Number(value);
      index++;
    } else usage(`unknown or incomplete option ${arg}`);
  }
  if (peer && !['docusaurus.config.ts', 'docusaurus.config.js'].some((file) => fs.existsSync(path.join(peer, file))))
    usage(`${peer} has no docusaurus.config.ts or .js`);
  return {peer, rounds};
}

/** The peer's home page and the first docs page its sitemap lists (after its build). */
function peerPages(outDir: string): MeasuredPage[] {
  const sitemap = path.join(outDir, 'sitemap.xml');
  const paths = fs.existsSync(sitemap)
    ? [...fs.readFileSync(sitemap, 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]!).pathname)
    : [];
  const docs = paths.filter((pathname) => /^\/docs\/.+/.test(pathname)).sort()[0];
  return [{type: 'home', path: '/', uses: []}, ...(docs ? [{type: 'plain docs' as const, path: docs, uses: []}] : [])];
}

/**
 * Cold builds of every site, round by round and site by site, then warm builds the same way. The
 * sites take turns at going first (each round, and warm after cold), so neither always pays for
 * a machine that is still busy with what ran before.
 */
async function buildAll(sites: Site[], rounds: number): Promise<BuildRun[]> {
  const runs: BuildRun[] = [];
  let turn = 0;
  for (const kind of ['cold', 'warm'] as const) {
    for (let round = 1; round <= rounds; round++, turn++) {
      for (const site of turn % 2 === 0 ? sites : [...sites].reverse()) {
        process.stderr.write(`bench: ${kind} build ${round}/${rounds} of ${site.name}\n`);
        const run = await timedBuild({site: site.name, siteDir: site.dir, outDir: site.outDir, kind, root: ROOT});
        if (!run.ok) process.stderr.write(`bench: the build of ${site.name} failed:\n${run.failure}\n`);
        runs.push(run);
      }
    }
  }
  return runs;
}

async function measurePages(sites: Site[]): Promise<PageResult[]> {
  const servers = await Promise.all(sites.map((site) => serveSite(site.outDir)));
  const results: PageResult[] = [];
  try {
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });
    for (const [index, site] of sites.entries()) {
      for (const page of site.pages) {
        const context = await browser.newContext();
        const {scripts, ...js} = await measurePageJs(
          await context.newPage(),
          servers[index]!.origin + page.path,
          page.drawn,
        );
        await context.close();
        results.push({
          site: site.name,
          type: page.type,
          path: page.path,
          js: {...js, files: scripts.length},
          lighthouse: [],
        });
      }
    }
    await browser.close();
    // Page by page and form factor by form factor, ours then the peer's, so both see the same load.
    for (const type of PAGES.map((page) => page.type)) {
      for (const formFactor of ['mobile', 'desktop'] as const) {
        for (const [index, site] of sites.entries()) {
          const result = results.find((entry) => entry.site === site.name && entry.type === type);
          if (!result) continue;
          process.stderr.write(`bench: lighthouse ${formFactor} ${site.name} ${result.path}\n`);
          result.lighthouse.push(await lighthouseRun(servers[index]!.origin + result.path, formFactor));
        }
      }
    }
  } finally {
    await Promise.all(servers.map((server) => server.close()));
  }
  return results;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const seconds = (values: number[]) =>
  values.length ? `${values.map((value) => value.toFixed(1)).join(' / ')} s` : 'failed';
const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN);

function buildRows(runs: BuildRun[], sites: Site[]): Row[] {
  const [ours, peer] = sites;
  const of = (site: Site | undefined, kind: 'cold' | 'warm') =>
    runs.filter((run) => run.site === site?.name && run.kind === kind && run.ok);
  const rows: Row[] = [];
  for (const kind of ['cold', 'warm'] as const) {
    const mine = of(ours, kind);
    const theirs = of(peer, kind);
    const failed = runs.filter((run) => run.site === ours!.name && run.kind === kind && !run.ok).length;
    rows.push({
      figure: `${kind} build (each run${failed ? `; ${failed} failed` : ''})`,
      ours: seconds(mine.map((run) => run.seconds)),
      peer: peer && seconds(theirs.map((run) => run.seconds)),
      ratio: ratio(mean(mine.map((run) => run.seconds)), mean(theirs.map((run) => run.seconds))),
      budget:
        kind === 'cold' && mine.length
          ? `${verdict(Math.max(...mine.map((run) => run.seconds)), {max: COLD_BUILD_BUDGET_S}, ' s', 1)} (idle 2 cores)`
          : undefined,
    });
    rows.push({
      figure: `${kind} build peak memory (process group)`,
      ours: mine.length ? `${Math.max(...mine.map((run) => run.peakRssMiB)).toFixed(0)} MiB` : 'failed',
      peer: peer && (theirs.length ? `${Math.max(...theirs.map((run) => run.peakRssMiB)).toFixed(0)} MiB` : 'failed'),
      ratio: ratio(Math.max(...mine.map((run) => run.peakRssMiB)), Math.max(...theirs.map((run) => run.peakRssMiB))),
    });
  }
  const pages = (site: Site | undefined) => runs.find((run) => run.site === site?.name && run.ok)?.pages;
  rows.push({
    figure: 'pages built (HTML files)',
    ours: String(pages(ours) ?? 'failed'),
    peer: peer && String(pages(peer) ?? 'failed'),
  });
  return rows;
}

function pageRows(results: PageResult[], sites: Site[]): Row[] {
  const [ours, peer] = sites;
  const rows: Row[] = [];
  for (const page of ours!.pages) {
    const mine = results.find((result) => result.site === ours!.name && result.type === page.type);
    const theirs = results.find((result) => result.site === peer?.name && result.type === page.type);
    if (!mine) continue;
    const label = `${page.type} (${page.path}${theirs ? ` | ${theirs.path}` : ''})`;
    rows.push({
      figure: `JS loaded, gzip: ${label}`,
      ours: `${kb(mine.js.gzipBytes)} in ${mine.js.files} files (raw ${kb(mine.js.bytes)})`,
      peer: theirs && `${kb(theirs.js.gzipBytes)} in ${theirs.js.files} files (raw ${kb(theirs.js.bytes)})`,
      ratio: ratio(mine.js.gzipBytes, theirs?.js.gzipBytes),
      budget: verdict(mine.js.gzipBytes / 1024, {max: JS_GZIP_BUDGET[page.type] / 1024}, ' KB'),
    });
    rows.push({
      figure: `  optional code loaded`,
      ours: mine.js.features.join(', ') || 'none',
      peer: theirs && (theirs.js.features.join(', ') || 'none'),
      budget: `only ${page.uses.join(', ') || 'none'}: ${mine.js.features.every((feature) => page.uses.includes(feature)) ? 'met' : 'MISSED'}`,
    });
    for (const formFactor of ['mobile', 'desktop'] as const) {
      const lh = (result: PageResult | undefined) => result?.lighthouse.find((run) => run.formFactor === formFactor);
      const a = lh(mine);
      const b = lh(theirs);
      const scores = (run: LighthouseRun) =>
        `perf ${run.performance}, a11y ${run.accessibility}, BP ${run.bestPractices}, SEO ${run.seo}; ` +
        `LCP ${(run.lcpMs / 1000).toFixed(1)} s, TBT ${run.tbtMs.toFixed(0)} ms, CLS ${run.cls.toFixed(3)}`;
      if (!a) continue;
      const misses = [
        formFactor === 'mobile' && verdict(a.performance, {min: LIGHTHOUSE_BUDGET.mobilePerformance}, ''),
        verdict(a.accessibility, {min: 100}, ''),
        verdict(a.bestPractices, {min: 100}, ''),
        verdict(a.seo, {min: 100}, ''),
      ].filter((entry): entry is string => typeof entry === 'string' && entry.includes('MISSED'));
      rows.push({
        figure: `  Lighthouse ${formFactor}`,
        ours: scores(a),
        peer: b && scores(b),
        ratio: b ? `TBT ${ratio(a.tbtMs, b.tbtMs) ?? '-'}` : undefined,
        budget: misses.length
          ? `MISSED: ${misses.join('; ')}`
          : formFactor === 'mobile'
            ? 'perf >= 95, rest = 100: met'
            : 'rest = 100: met',
      });
    }
  }
  return rows;
}

async function main() {
  const {peer, rounds} = parseArgs(process.argv.slice(2));
  const sites: Site[] = [{name: 'EDF Living Docs', dir: ROOT, outDir: path.join(OUT, 'edf-build'), pages: PAGES}];
  if (peer) sites.push({name: path.basename(peer), dir: peer, outDir: path.join(OUT, 'peer-build'), pages: []});
  const builds = await buildAll(sites, rounds);
  const built = sites.filter((site) => fs.existsSync(path.join(site.outDir, 'index.html')));
  if (peer && sites[1]) sites[1].pages = peerPages(sites[1].outDir);
  const pages = await measurePages(built);
  process.stderr.write('bench: plan mode\n');
  const plans = await planTimings(ROOT, PLAN_ROUNDS);
  const rows = [
    ...buildRows(builds, sites),
    ...pageRows(pages, sites),
    ...plans.runbooks.map((plan) => ({
      figure: `plan mode ${plan.runbook} (median/max of ${plans.rounds}; CLI wall)`,
      ours: `${plan.medianMs.toFixed(1)} / ${plan.maxMs.toFixed(1)} ms; ${plan.cliMs === undefined ? 'CLI failed' : `${plan.cliMs.toFixed(0)} ms`}`,
    })),
    {figure: 'site build plan step (once)', ours: `${plans.siteBuildPlanStepMs.toFixed(0)} ms`},
  ];
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load ${os
    .loadavg()
    .map((load) => load.toFixed(1))
    .join(' ')}`;
  const measuredAt = new Date().toISOString();
  console.log(`npm run bench, ${measuredAt}, ${machine}, Node ${process.version}\n`);
  console.log(formatTable(rows, sites[1]?.name));
  fs.mkdirSync(OUT, {recursive: true});
  const json = path.join(OUT, 'bench.json');
  fs.writeFileSync(
    json,
    `${JSON.stringify({measuredAt, machine, node: process.version, builds, pages, plans, rows}, null, 2)}\n`,
  );
  console.log(`\nwritten to ${path.relative(ROOT, json)}`);
  if (builds.some((run) => !run.ok)) process.exitCode = 1;
}

void main();
