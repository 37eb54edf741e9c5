/**
 * `likec4 export png` drives its own nested Playwright, which looks for a browser it downloaded
 * itself and has no option for another executable. Playwright cannot download browsers on our
 * machines, so this links Debian's Chromium into a private browsers folder under the names and
 * revisions likec4's Playwright expects; run likec4 with PLAYWRIGHT_BROWSERS_PATH pointing there.
 */
import fs from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';

/** Where Playwright expects the executable inside a browser's folder, per browser name (linux-x64). */
const EXECUTABLE_LAYOUTS: Record<string, string[][]> = {
  chromium: [
    ['chrome-linux64', 'chrome'],
    ['chrome-linux', 'chrome'],
  ],
  'chromium-headless-shell': [
    ['chrome-headless-shell-linux64', 'chrome-headless-shell'],
    ['chrome-linux', 'headless_shell'],
  ],
};

interface BrowsersJson {
  browsers: {name: string; revision: string}[];
}

/** Reads the browser revisions of the Playwright that likec4 resolves (not the project's own Playwright). */
function likec4BrowserRevisions(siteDir: string): BrowsersJson['browsers'] {
  const fromSite = createRequire(path.join(siteDir, 'package.json'));
  const fromLikec4 = createRequire(fromSite.resolve('likec4/package.json'));
  const browsersJson = path.join(path.dirname(fromLikec4.resolve('playwright-core/package.json')), 'browsers.json');
  return (JSON.parse(fs.readFileSync(browsersJson, 'utf8')) as BrowsersJson).browsers;
}

/** Creates the links (idempotent) and returns the folder to use as PLAYWRIGHT_BROWSERS_PATH. */
export function linkChromium(siteDir: string, chromium: string, browsersDir: string): string {
  if (!fs.existsSync(chromium))
    throw new Error(`No Chromium at ${chromium}: install it with "apt-get install -y chromium" or set CHROMIUM_PATH.`);
  for (const {name, revision} of likec4BrowserRevisions(siteDir)) {
    const layouts = EXECUTABLE_LAYOUTS[name];
    if (!layouts) continue;
    for (const layout of layouts) {
      const link = path.join(browsersDir, `${name.replaceAll('-', '_')}-${revision}`, ...layout);
      fs.mkdirSync(path.dirname(link), {recursive: true});
      fs.rmSync(link, {force: true});
      fs.symlinkSync(chromium, link);
    }
  }
  return browsersDir;
}
