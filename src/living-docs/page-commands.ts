/**
 * Where a page shows shell: the lines of its code blocks (any language tag or none, except
 * languages that are not a shell) and of its `<pre>`, `<code>` and `<CodeBlock>` elements, read as
 * commands: continuations joined, heredocs kept whole, prompts and comments dropped, and each line
 * split into the simple commands it runs (`a && b`, `cd x; b`, `a | b`).
 */
import type {Root} from 'mdast';
import {SKIP, visit} from 'unist-util-visit';

/** `shell`: every line is a command. `plain`: a line is a command only if it looks like one. */
export type BlockKind = 'shell' | 'plain';

export interface ShownLine {
  /** One logical command line, without its prompt. */
  text: string;
  line: number;
  kind: BlockKind;
  /** Shown after a `$ ` prompt. */
  prompted: boolean;
}

const SHELL_LANGUAGES = new Set([
  ...['bash', 'sh', 'shell', 'shellscript', 'zsh', 'ksh', 'fish', 'nu', 'nushell'],
  ...['console', 'terminal', 'shell-session', 'shellsession', 'sh-session', 'bash-session'],
  ...['powershell', 'pwsh', 'ps1', 'posh', 'bat', 'batch', 'cmd', 'dos'],
]);
// Text in these is data, markup or another programming language, never a command line.
const OTHER_LANGUAGES = new Set([
  ...['yaml', 'yml', 'json', 'json5', 'jsonc', 'toml', 'ini', 'properties', 'csv', 'xml', 'html', 'css', 'scss'],
  ...[
    'javascript',
    'js',
    'jsx',
    'typescript',
    'ts',
    'tsx',
    'python',
    'py',
    'go',
    'rust',
    'java',
    'kotlin',
    'c',
    'cpp',
    'csharp',
  ],
  ...[
    'markdown',
    'md',
    'mdx',
    'mermaid',
    'c4',
    'likec4',
    'hcl',
    'terraform',
    'tf',
    'dockerfile',
    'diff',
    'patch',
    'sql',
    'graphql',
    'proto',
    'promql',
  ],
]);
const CODE_ELEMENTS = new Set(['pre', 'code', 'CodeBlock']);

/** How a block tagged `lang` is read; undefined when it holds no shell at all. */
export function blockKind(lang: string | null | undefined): BlockKind | undefined {
  const language = (lang ?? '').toLowerCase();
  if (SHELL_LANGUAGES.has(language)) return 'shell';
  return OTHER_LANGUAGES.has(language) ? undefined : 'plain';
}

interface Node {
  type: string;
  lang?: string | null;
  name?: string | null;
  value?: string;
  attributes?: Array<{type: string; name?: string; value?: unknown}>;
  children?: Node[];
  position?: {start: {line: number}};
}

/** Every line a page shows as shell, with its line in the file. */
export function shownLines(tree: Root): ShownLine[] {
  const shown: ShownLine[] = [];
  const add = (text: string, firstLine: number, kind: BlockKind) => {
    const commands = commandsOf(text);
    // In a session transcript (`$ cmd` then its output), only the prompted lines are commands.
    const session = commands.some((command) => command.prompted);
    for (const command of commands)
      shown.push({
        text: command.text,
        line: firstLine + command.offset,
        kind: session && !command.prompted ? 'plain' : kind,
        prompted: command.prompted,
      });
  };
  visit(tree as never, (node: Node) => {
    if (node.type === 'code') {
      const kind = blockKind(node.lang);
      // The text starts on the line after the opening fence (MDX has no indented code blocks).
      if (kind) add(node.value ?? '', (node.position?.start.line ?? 0) + 1, kind);
      return undefined;
    }
    if (
      (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') &&
      CODE_ELEMENTS.has(node.name ?? '')
    ) {
      const language = node.attributes?.find((attribute) => attribute.name === 'language')?.value;
      const kind = node.name === 'CodeBlock' && typeof language === 'string' ? blockKind(language) : 'plain';
      if (kind) for (const piece of textsOf(node)) add(piece.text, piece.line, kind);
      return SKIP;
    }
    return undefined;
  });
  return shown;
}

/** The literal text inside an element: text, inline code and string or template literals (`{`...`}`). */
function textsOf(element: Node): Array<{text: string; line: number}> {
  const texts: Array<{text: string; line: number}> = [];
  visit(element as never, (node: Node) => {
    const line = node.position?.start.line ?? 0;
    if ((node.type === 'text' || node.type === 'inlineCode') && node.value) texts.push({text: node.value, line});
    if (node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') {
      const literal = /^\s*([`'"])([\s\S]*)\1\s*$/.exec(node.value ?? '');
      if (literal) texts.push({text: literal[2]!, line});
    }
  });
  return texts;
}

const PROMPT = /^\s*\$\s+/;

/** Logical commands of a shell block: continuations joined, heredocs kept whole, prompts and comments dropped. */
export function commandsOf(block: string): Array<{text: string; offset: number; prompted: boolean}> {
  const lines = block.split('\n');
  const commands: Array<{text: string; offset: number; prompted: boolean}> = [];
  for (let i = 0; i < lines.length; i++) {
    const offset = i;
    const prompted = PROMPT.test(lines[i]!);
    let text = lines[i]!.replace(PROMPT, '');
    if (!text.trim() || text.trim().startsWith('#')) continue;
    while (text.endsWith('\\') && i + 1 < lines.length) text = `${text.slice(0, -1).trimEnd()} ${lines[++i]!.trim()}`;
    const heredoc = /<<-?\s*'?"?(\w+)'?"?/.exec(text);
    if (heredoc) {
      const body: string[] = [];
      while (i + 1 < lines.length && lines[i + 1]!.trim() !== heredoc[1]) body.push(lines[++i]!);
      if (i + 1 < lines.length) i++;
      text = [text, ...body, heredoc[1]].join('\n');
    }
    commands.push({text, offset, prompted});
  }
  return commands;
}

// Control operators between simple commands; `2>&1`, `&>` and `>&` are redirections, not operators.
const OPERATOR = /^(?:&&|\|\||\|&|;;?|\||&(?![>&]))/;

/**
 * The simple commands of one logical command line, each trimmed, a trailing comment dropped; a
 * heredoc body stays with the last one (`cat <<EOF | kind create cluster --config -`).
 */
export function simpleCommands(command: string): string[] {
  const [first = '', ...body] = command.split('\n');
  const parts: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (let i = 0; i < first.length; i++) {
    const char = first[i]!;
    if (quote) {
      current += char;
      if (char === quote) quote = undefined;
      else if (char === '\\' && quote === '"') current += first[++i] ?? '';
      continue;
    }
    if (char === "'" || char === '"') quote = char;
    else if (char === '\\') {
      current += char + (first[++i] ?? '');
      continue;
    } else if (char === '#' && (current === '' || /\s$/.test(current))) break;
    else {
      const operator = char === '&' && /[<>]$/.test(current) ? undefined : OPERATOR.exec(first.slice(i));
      if (operator) {
        parts.push(current);
        current = '';
        i += operator[0].length - 1;
        continue;
      }
    }
    current += char;
  }
  parts.push(current);
  const commands = parts.map((part) => part.trim()).filter(Boolean);
  if (body.length && commands.length)
    commands[commands.length - 1] = [commands[commands.length - 1], ...body].join('\n');
  return commands;
}

// Words that run the command after them: `sudo kind ...`, `command kind ...`, `env X=1 kind ...`,
// `X=1 kind ...`, and the shell's own words that open a command: `if kind ...`, `then kind ...`,
// `{ kind ...; }`, `! kind ...`.
const WRAPPER =
  /^(?:(?:sudo|doas|command|builtin|exec|nohup|time|env)(?:\s+-\S+)*|(?:if|then|elif|else|do|while|until|!|\{|\()(?=\s)|[A-Za-z_][A-Za-z0-9_]*=(?:'[^']*'|"(?:[^"\\]|\\.)*"|[^\s'"])*)(?:\s+|$)/;
// A program called by its path (`/usr/local/bin/kind`, `./kind`) is the program.
const PROGRAM_PATH = /^(?:~|\.{1,2})?\/?(?:[\w.-]+\/)+(?=[\w.-]+(?:\s|$))/;

/** The command a simple command runs, without the wrappers before it. */
export function unwrap(command: string): string {
  let text = command.trimStart();
  for (let match = WRAPPER.exec(text); match?.[0]; match = WRAPPER.exec(text)) text = text.slice(match[0].length);
  return text.replace(PROGRAM_PATH, '');
}

// `bash -c 'kind create ...'`: the script a shell is given to run.
const SHELL_SCRIPT = /^(?:ba|da|k|z)?sh\s+-c\s+(['"])([\s\S]*)\1\s*$/;

/**
 * The commands one shown line runs: each simple command (`shown`, as written) read without its
 * wrappers (`command`), and for `bash -c '...'` the commands of the script it runs.
 */
export function commandsRun(line: string): Array<{shown: string; command: string}> {
  return simpleCommands(line).flatMap((shown) => {
    const command = unwrap(shown);
    const script = SHELL_SCRIPT.exec(command);
    if (!script) return [{shown, command}];
    const body = script[1] === '"' ? script[2]!.replace(/\\(["\\$`])/g, '$1') : script[2]!;
    return commandsRun(body).map((inner) => ({shown, command: inner.command}));
  });
}
