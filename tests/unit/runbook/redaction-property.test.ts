/**
 * Redaction as a property: whatever shape a secret has and however a tool prints it, once a
 * runbook registers it (`ctx.secret`) it appears in none of the live terminal log, the `.cast`
 * transcript, the JSON report or the JUnit file. Each case runs a tiny runbook on the simulated
 * toolchain through the real executor and reporters, wired as the CLI wires them.
 *
 * What the live terminal cannot do is documented in `src/runbook/redact.ts`: a value printed
 * before it was registered was already shown, so the terminal is checked only when the runbook
 * registered first. The files are checked always.
 */
import fc from 'fast-check';
import {XMLParser} from 'fast-xml-parser';
import {describe, expect, it} from 'vitest';
import {EventBus} from '../../../src/runbook/events';
import {execute} from '../../../src/runbook/executor';
import type {Runbook} from '../../../src/runbook/model';
import {REDACTED, Redactor} from '../../../src/runbook/redact';
import {asciicastRecorder} from '../../../src/runbook/reporters/asciicast';
import {toEvidence, toJUnit} from '../../../src/runbook/reporters/evidence';
import {plainReporter} from '../../../src/runbook/reporters/plain';
import {posixQuote} from '../../../src/runbook/shell';
import {createSimWorld} from '../../../src/runbook/sim';
import type {Toolchain} from '../../../src/runbook/toolchain';
import {MIN_SUBSTRING_LENGTH} from '../../../src/secrets/forms';
import {ROOT, testRunbook} from './support';

const RUNS = 1000;

// ---- secrets of every shape -------------------------------------------------------------------

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const SHELL_METACHARACTERS = ` ,$()'"\`\\;|&*!?#{}[]<>%+=/@:~^-`;
const chars = (set: string) => fc.constantFrom(...set);
const word = (set: string, minLength: number, maxLength: number) => fc.string({unit: chars(set), minLength, maxLength});

/** Short values (L7): a letter and a digit or symbol, so no ordinary word or number of the log is one by chance. */
const shortSecret = fc
  .tuple(chars(LETTERS), word(LETTERS + DIGITS + SHELL_METACHARACTERS.trim(), 0, 3), chars(`${DIGITS}!$%&*+-=?@^_~`))
  .map(([first, middle, last]) => first + middle + last);
const shellSecret = word(LETTERS + DIGITS + SHELL_METACHARACTERS, MIN_SUBSTRING_LENGTH, 40);
const unicodeSecret = fc.string({unit: 'grapheme', minLength: MIN_SUBSTRING_LENGTH, maxLength: 24});
/** A PEM-like key: header, base64 body lines, a short last line, footer. */
const multiLineSecret = fc
  .tuple(
    fc.array(word(`${LETTERS + DIGITS}+/`, 64, 64), {minLength: 1, maxLength: 4}),
    word(`${LETTERS + DIGITS}+/`, 1, 8),
  )
  .map(([body, last]) =>
    ['-----BEGIN FAKE TEST KEY-----', ...body, `${last}=`, '-----END FAKE TEST KEY-----'].join('\n'),
  );

const secret = fc
  .oneof(shortSecret, shellSecret, unicodeSecret, multiLineSecret)
  .map((value) => value.trim())
  // Not one of the marker's own words, which the redactor writes.
  .filter((value) => value.length > 0 && !REDACTED.includes(value) && !value.includes('\u0000'));

// ---- how a tool prints it ---------------------------------------------------------------------

const base64 = (text: string | Buffer) => Buffer.from(text).toString('base64');
const wrap = (text: string, width: number) => text.replace(new RegExp(`.{${width}}(?=.)`, 'g'), '$&\n');
/** How a tool prints a value: the encoded value, inside the line that carries it. */
type Printer = (
  value: string,
  extra: {user: string; before: Buffer; after: Buffer},
) => {payload: string; line: (payload: string) => string};
const PRINTERS: Record<string, Printer> = {
  raw: (value) => ({payload: value, line: (p) => `password: ${p}`}),
  'JSON-escaped': (value) => ({
    payload: JSON.stringify(value).slice(1, -1),
    line: (p) => `{"username":"giteaAdmin","password":"${p}"}`,
  }),
  'JSON-escaped, ASCII only': (value) => ({
    payload: JSON.stringify(value)
      .slice(1, -1)
      .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    line: (p) => `{"secret":"${p}"}`,
  }),
  'URL-encoded': (value, {user}) => ({
    payload: encodeURIComponent(value),
    line: (p) => `https://${user}:${p}@cnoe.localtest.me:8443/`,
  }),
  'form-encoded': (value) => ({
    payload: encodeURIComponent(value).replace(/%20/g, '+'),
    line: (p) => `grant_type=password&password=${p}`,
  }),
  'shell-quoted': (value) => ({payload: posixQuote(value), line: (p) => `export PASSWORD=${p}`}),
  base64: (value) => ({payload: base64(value), line: (p) => `data: ${p}`}),
  'base64 of value + newline': (value) => ({payload: base64(`${value}\n`), line: (p) => p}),
  // openssl base64 wraps at 64 columns, coreutils base64 at 76.
  'base64, wrapped at 64 columns': (value) => ({payload: wrap(base64(value), 64), line: (p) => p}),
  'base64, wrapped at 76 columns': (value) => ({payload: wrap(base64(value), 76), line: (p) => p}),
  'base64 of user:value': (value, {user}) => ({
    payload: base64(`${user}:${value}`),
    line: (p) => `Authorization: Basic ${p}`,
  }),
  'base64, embedded': (value, {before, after}) => ({
    payload: base64(Buffer.concat([before, Buffer.from(value), after])),
    line: (p) => p,
  }),
};
const printedLine = (s: Scenario) => {
  const {payload, line} = PRINTERS[s.printer]!(s.value, s);
  return {payload, text: line(payload)};
};
// Embedded base64 fixes too few characters of a short value to be told from other base64 (see forms.ts).
const printersFor = (value: string) =>
  Object.keys(PRINTERS).filter(
    (name) => value.length >= MIN_SUBSTRING_LENGTH || (!name.includes('user:value') && !name.includes('embedded')),
  );

const scenario = secret.chain((value) =>
  fc.record({
    value: fc.constant(value),
    printer: fc.constantFrom(...printersFor(value)),
    user: word(LETTERS, 1, 12),
    before: fc.uint8Array({maxLength: 5}).map((bytes) => Buffer.from(bytes)),
    after: fc.uint8Array({maxLength: 5}).map((bytes) => Buffer.from(bytes)),
    registerFirst: fc.boolean(),
    failure: fc.constantFrom('stderr of a failing command', 'error message', 'argument of a failing command'),
    // Where the printed output is cut into chunks, as a pipe delivers it.
    cuts: fc.array(fc.double({min: 0, max: 1, noNaN: true}), {maxLength: 6}),
  }),
);

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

// ---- the run ----------------------------------------------------------------------------------

/** A toolchain whose processes write their stdout in pieces cut at the given fractions (at code-point boundaries). */
function chunkedOutput(toolchain: Toolchain, cuts: number[], chunksSeen: number[]): Toolchain {
  const spawn = ((...args: Parameters<Toolchain['spawn']>) => {
    const child = toolchain.spawn(...args);
    const stdout = child.stdout as unknown as {
      write(chunk: string): boolean;
      on(event: 'data', listener: () => void): void;
    };
    const write = stdout.write.bind(stdout);
    stdout.on('data', () => chunksSeen.push(1));
    stdout.write = (chunk: string) => {
      const points = [...chunk];
      const at = [...new Set(cuts.map((cut) => Math.floor(cut * points.length)))].sort((a, b) => a - b);
      let from = 0;
      for (const to of [...at, points.length]) {
        if (to > from) write(points.slice(from, to).join(''));
        from = Math.max(from, to);
      }
      return true;
    };
    return child;
  }) as Toolchain['spawn'];
  return {...toolchain, spawn};
}

function leakyRunbook(s: Scenario, printed: string, register: boolean): Runbook {
  return testRunbook('bootstrap', [
    {
      id: 'print',
      title: 'Print it',
      why: 'test',
      async action(ctx) {
        if (register && s.registerFirst) ctx.secret(s.value);
        await ctx.$`show-secret`;
        ctx.note(`learned ${printed}`);
        if (register && !s.registerFirst) ctx.secret(s.value);
      },
    },
    {
      id: 'fail',
      title: 'Fail with it',
      why: 'test',
      async action(ctx) {
        if (s.failure === 'error message') throw new Error(`could not log in with ${printed}`);
        if (s.failure === 'argument of a failing command') await ctx.$`log-in --password ${s.value}`;
        else await ctx.$`fail-with-secret`;
      },
    },
  ]);
}

interface Artifacts {
  terminal: string;
  cast: string;
  json: string;
  junit: string;
  chunks: number;
}

async function runScenario(s: Scenario, register = true): Promise<Artifacts> {
  const printed = printedLine(s).text;
  const chunksSeen: number[] = [];
  const world = createSimWorld()
    .intercept(
      (argv) => argv[0] === 'show-secret',
      () => ({exitCode: 0, stdout: `${printed}\nbye\n`}),
    )
    .intercept(
      (argv) => argv[0] === 'fail-with-secret' || argv[0] === 'log-in',
      () => ({exitCode: 1, stderr: `error: rejected ${printed}\n`}),
    );
  const toolchain = chunkedOutput(world.toolchain(), s.cuts, chunksSeen);
  const redactor = new Redactor();
  const bus = new EventBus();
  const recorder = asciicastRecorder('Prints a secret', toolchain.clock, redactor);
  let terminal = '';
  bus.on(recorder.listener);
  bus.on(
    plainReporter(
      {stdout: {write: (text: string) => (terminal += text)}, stderr: {write: (text: string) => (terminal += text)}},
      {verbose: true},
    ),
  );
  const runbook = leakyRunbook(s, printed, register);
  const result = await execute({
    runbook,
    mode: 'up',
    options: {yes: true, verbose: true, values: {}},
    toolchain,
    bus,
    root: ROOT,
    signal: new AbortController().signal,
    redactor,
  });
  const evidence = toEvidence(result, {sourceHash: 'test', runner: {name: 'local'}});
  expect(result.steps.map((step) => step.outcome)).toEqual(['passed', 'failed']);
  return {
    terminal,
    cast: recorder.text(),
    json: JSON.stringify(evidence, null, 2),
    junit: toJUnit(evidence),
    chunks: chunksSeen.length,
  };
}

// ---- what "appears" means ---------------------------------------------------------------------

/** Every string a reader of the file gets, decoded from its format. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}
const decoded = {
  terminal: (text: string) => [text],
  cast: (text: string) =>
    text
      .trim()
      .split('\n')
      .flatMap((line) => strings(JSON.parse(line))),
  json: (text: string) => strings(JSON.parse(text)),
  junit: (text: string) => strings(new XMLParser({ignoreAttributes: false, attributeNamePrefix: ''}).parse(text)),
};

/** Where the value, or the text the tool printed for it, can still be read. */
function findLeak(s: Scenario, text: string): string | undefined {
  // The marker breaks a match in two; it never completes one ("TED]" + "xyz" is not a leak of "TED]xyz").
  const readable = text.split(REDACTED).join('\u0000');
  const {payload} = printedLine(s);
  const pieces = [...s.value.split('\n'), ...payload.split('\n')].map((line) => line.trim()).filter(Boolean);
  return pieces.find((piece) => {
    if (piece.length >= MIN_SUBSTRING_LENGTH) return readable.includes(piece);
    // A short line of a longer secret or of its printed form (the `Q=` a wrapped base64 dump ends
    // with) tells a reader a few bits at most, and masking every such word would wreck the log:
    // short pieces count only when they are the whole secret.
    if (piece !== s.value) return false;
    // Short values are masked as whole words (src/runbook/redact.ts).
    return new RegExp(`(?<![A-Za-z0-9])${piece.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')}(?![A-Za-z0-9])`).test(
      readable,
    );
  });
}

describe('redaction property', () => {
  it(`no registered secret reaches the terminal, the .cast, the JSON report or JUnit (${RUNS} generated secrets)`, async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const artifacts = await runScenario(s);
        for (const file of ['cast', 'json', 'junit', 'terminal'] as const) {
          if (file === 'terminal' && !s.registerFirst) continue;
          const leak = findLeak(s, decoded[file](artifacts[file]).join('\n'));
          if (leak !== undefined) throw new Error(`${s.printer} form leaked into ${file}: ${JSON.stringify(leak)}`);
        }
      }),
      {numRuns: RUNS},
    );
  }, 600_000);

  it('cuts the output into the chunks a scenario asks for, so chunk boundaries are really exercised', async () => {
    const s = fc.sample(scenario, {numRuns: 1, seed: 7})[0]!;
    const {chunks} = await runScenario({...s, cuts: [0.25, 0.5, 0.75]});
    const unsplit = await runScenario({...s, cuts: []});
    expect(chunks - unsplit.chunks).toBe(3);
  });

  it('finds the value in every file when the runbook does not register it, so the check can fail', async () => {
    const s = {...fc.sample(scenario, {numRuns: 1, seed: 11})[0]!, value: 'FAKEunregisteredVALUE9', printer: 'base64'};
    const artifacts = await runScenario(s, false);
    for (const file of ['cast', 'json', 'junit', 'terminal'] as const)
      expect(findLeak(s, decoded[file](artifacts[file]).join('\n')), file).toBeDefined();
  });
});
