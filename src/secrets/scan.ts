/**
 * Secret scan: secretlint's recommended preset (cloud and SaaS token formats, private keys) plus
 * our own credential shapes from `patterns.ts`, over every text file the build publishes
 * (transcripts included) or every text file the repository tracks. Used by `npm run scan:secrets`.
 */
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {createEngine} from '@secretlint/node';
import {CREDENTIAL_PATTERNS} from './patterns';

export interface SecretFinding {
  /** Path relative to the scanned directory. */
  file: string;
  line: number;
  /** The secretlint rule, with the pattern name for our own patterns. Never the secret itself. */
  rule: string;
}

export interface ScanResult {
  scannedFiles: number;
  findings: SecretFinding[];
}

interface LintMessage {
  ruleId: string;
  loc: {start: {line: number}};
  data?: {PATTERN_NAME?: string};
}

interface LintResult {
  filePath: string;
  messages: LintMessage[];
}

const PATTERN_RULE = '@secretlint/secretlint-rule-pattern';

// secretlint-rule-pattern takes "RegExp-like strings"; `RegExp#toString()` gives exactly `/source/flags`,
// so the scan and the runbook redactor share one list of regexes.
const patternOptions = {
  patterns: CREDENTIAL_PATTERNS.map(({name, regex}) => ({name, patterns: [regex.toString()]})),
};

/** Scans the published text files under `dir` (a Docusaurus `build/` folder, or any folder in tests). */
export async function scanDirectory(dir: string): Promise<ScanResult> {
  const root = path.resolve(dir);
  if (!fs.existsSync(root)) throw new Error(`nothing to scan: ${root} does not exist (run the build first)`);
  // Every file a reader (or a crawler) can fetch as text, whatever its name: pages, bundles, source
  // maps, the search index, transcripts (.cast) and anything static/ adds (a script, a .env).
  const files = fs.readdirSync(root, {recursive: true, encoding: 'utf8'});
  return scanFiles(
    root,
    files.filter((file) => isText(path.join(root, file))),
  );
}

/**
 * Scans every file git tracks in the repository at `root` (sources, pages, runbook assets,
 * evidence), except binary files. Test fixtures build their fake credentials at run time, so
 * nothing needs to be excluded.
 */
export async function scanRepository(root: string): Promise<ScanResult> {
  const tracked = execFileSync('git', ['ls-files', '-z'], {cwd: root, encoding: 'utf8'}).split('\0').filter(Boolean);
  return scanFiles(
    path.resolve(root),
    tracked.filter((file) => isText(path.join(root, file))),
  );
}

// git's own test for binary content: a NUL byte in the first 8000 bytes.
function isText(file: string): boolean {
  if (!fs.statSync(file, {throwIfNoEntry: false})?.isFile()) return false;
  const head = Buffer.alloc(8000);
  const fd = fs.openSync(file, 'r');
  try {
    return !head.subarray(0, fs.readSync(fd, head, 0, head.length, 0)).includes(0);
  } finally {
    fs.closeSync(fd);
  }
}

/** Scans `files` (relative to `root`); findings name files relative to `root`. */
async function scanFiles(root: string, relative: string[]): Promise<ScanResult> {
  const files = relative.sort().map((file) => path.join(root, file));
  if (files.length === 0) return {scannedFiles: 0, findings: []};

  const engine = await createEngine({
    // Rules are resolved from this project's node_modules, wherever the scanned folder lives.
    cwd: path.resolve(__dirname, '../..'),
    formatter: 'json',
    color: false,
    // Unmasked, so that `data.PATTERN_NAME` says which of our patterns matched; the credential in
    // the message is dropped below and never leaves this function.
    maskSecrets: false,
    configFileJSON: {
      rules: [{id: '@secretlint/secretlint-rule-preset-recommend'}, {id: PATTERN_RULE, options: patternOptions}],
    },
  });
  const {output} = await engine.executeOnFiles({filePathList: files});
  const results = JSON.parse(output) as LintResult[];
  const findings = results.flatMap((result) =>
    result.messages.map((message) => ({
      file: path.relative(root, result.filePath),
      line: message.loc.start.line,
      rule:
        message.ruleId === PATTERN_RULE && message.data?.PATTERN_NAME
          ? `${PATTERN_RULE} (${message.data.PATTERN_NAME})`
          : message.ruleId,
    })),
  );
  return {scannedFiles: files.length, findings};
}
