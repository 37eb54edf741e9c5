/**
 * How the engine's shell words a command: posixQuote makes any argument one literal word for bash,
 * and withRawPrefix puts text in front as written, so bash (not the log or the page) expands a
 * variable in it. Checked against a real bash through zx, configured as the engine configures it.
 */
import {spawnSync} from 'node:child_process';
import {$ as zx$} from 'zx/core';
import {describe, expect, it} from 'vitest';
import {posixQuote, type Shell, withPrefix, withRawPrefix} from '../../../src/runbook/shell';

/** What bash receives as the single word `quoted`. */
const asBashReadsIt = (quoted: string) =>
  spawnSync('bash', ['-c', `printf %s ${quoted}`], {encoding: 'utf8', env: {HOME: '/home/someone'}}).stdout;

describe('posixQuote', () => {
  it('leaves words that need no quoting as they are, so plans read like the handbook', () => {
    const plain = ['kind-localdev', '--context=kind-localdev', 'velero/velero-plugin-for-aws:v1.14.0', 'a,b+c%d@e'];
    expect(plain.map(posixQuote)).toEqual(plain);
  });

  it("quotes the rest in single quotes, writing a ' inside as '\\''", () => {
    expect(posixQuote('')).toBe("''");
    expect(posixQuote('two words')).toBe("'two words'");
    expect(posixQuote("it's")).toBe("'it'\\''s'");
  });

  it.each([
    ['a space', 'two words'],
    ['an empty word', ''],
    ['single quotes', "it's 'quoted'"],
    ['a variable', '$HOME and ${HOME}'],
    ['command substitution', '$(id) and `id`'],
    ['a glob', '*'],
    ['operators', 'a; b && c | d > e'],
    ['a newline and a tab', 'line one\n\tline two'],
    ['a backslash and double quotes', 'C:\\path "x"'],
    ['a leading dash', '-n'],
  ])('gives bash %s as one literal word', (_, value) => {
    expect(asBashReadsIt(posixQuote(value))).toBe(value);
  });
});

describe('withRawPrefix', () => {
  // zx as createShell sets it up, minus the toolchain: bash with posixQuote for the interpolated arguments.
  const $ = zx$({shell: 'bash', quote: posixQuote, quiet: true, verbose: false}) as unknown as Shell;
  const env = {...process.env, GREETING: 'hello'};

  it('passes its text to bash as written, and still quotes what the template interpolates', async () => {
    const printf = withRawPrefix($({env}), 'printf "%s|%s" "$GREETING"');
    const run = printf`${"it's $HOME"}`;
    expect(run.cmd).toBe(`printf "%s|%s" "$GREETING" 'it'\\''s $HOME'`);
    expect((await run).stdout).toBe("hello|it's $HOME");
  });

  it('keeps the prefix through options given after it', async () => {
    const printf = withRawPrefix($, 'printf "%s" "$GREETING"');
    expect((await printf({env})`${'!'}`).stdout).toBe('hello!');
  });

  it('is what withPrefix builds on, with each of its words quoted', async () => {
    const run = withPrefix($, ['printf', '%s', "it's"])`${'x'}`;
    expect(run.cmd).toBe("printf %s 'it'\\''s' x");
    await run;
  });
});
