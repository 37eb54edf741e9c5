/**
 * Lighthouse scores of one page, mobile (Lighthouse's default: a mid-range phone on a slow 4G
 * network, simulated) or desktop, in a fresh Debian Chromium per run so that no cache or state
 * from an earlier page is carried over.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface LighthouseRun {
  url: string;
  formFactor: 'mobile' | 'desktop';
  performance: number;
  accessibility: number;
  bestPractices: number;
  seo: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  /** Audits that scored below 0.9, by id: where the page loses. */
  failing: string[];
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The flags our machines need: no sandbox as root, no GPU, and no background connections that
// this closed network refuses.
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

export async function lighthouseRun(url: string, formFactor: 'mobile' | 'desktop'): Promise<LighthouseRun> {
  const [{default: lighthouse}, {default: desktopConfig}, chromeLauncher] = await Promise.all([
    import('lighthouse'),
    import('lighthouse/core/config/desktop-config.js'),
    import('chrome-launcher'),
  ]);
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'edf-lighthouse-'));
  const chrome = await chromeLauncher.launch({chromePath: CHROMIUM, chromeFlags: CHROMIUM_FLAGS, userDataDir});
  try {
    const result = await lighthouse(
      url,
      {port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES},
      formFactor === 'desktop' ? desktopConfig : undefined,
    );
    if (!result) throw new Error(`lighthouse returned no result for ${url}`);
    const {categories, audits} = result.lhr;
    const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
    return {
      url,
      formFactor,
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
      seo: score('seo'),
      lcpMs: audits['largest-contentful-paint']?.numericValue ?? Number.NaN,
      tbtMs: audits['total-blocking-time']?.numericValue ?? Number.NaN,
      cls: audits['cumulative-layout-shift']?.numericValue ?? Number.NaN,
      failing: Object.values(audits)
        .filter((audit) => audit.scoreDisplayMode === 'numeric' || audit.scoreDisplayMode === 'binary')
        .filter((audit) => audit.score !== null && audit.score < 0.9)
        .map((audit) => audit.id),
    };
  } finally {
    await chrome.kill();
    fs.rmSync(userDataDir, {recursive: true, force: true});
  }
}
