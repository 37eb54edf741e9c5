/**
 * The forms in which a secret value shows up in command output, and a matcher for each.
 *
 * A tool rarely prints a secret exactly as it was registered: Kubernetes stores it in base64
 * (`echo v | base64` adds the newline), HTTP clients put `user:value` in base64 at any offset,
 * JSON encoders escape quotes and non-ASCII, URLs percent-encode, `posixQuote` and HTML escape
 * quotes, PEM keys span lines. Redaction masks every such form, so it holds whatever the output.
 */

// A form shorter than this is masked only where it stands as a whole word (not touching a letter or
// digit): masking a short value inside words would mask ordinary text ("ab" in "table").
export const MIN_SUBSTRING_LENGTH = 6;

// `base64` (coreutils) wraps at 76 columns, openssl and PEM bodies at 64.
const BASE64_WRAP_COLUMNS = [64, 76];

/** The texts to mask for one registered value: its lines and its base64 forms (each matched in any text encoding). */
export function secretForms(value: string): string[] {
  const lines = value.split('\n').map((line) => line.replace(/\r$/, ''));
  const forms = new Set<string>([value, ...lines]);
  const bytes = Buffer.from(value);
  const encodings = [bytes.toString('base64'), Buffer.from(`${value}\n`).toString('base64')];
  for (const encoded of encodings) {
    for (const width of BASE64_WRAP_COLUMNS) {
      if (encoded.length > width)
        for (let at = 0; at < encoded.length; at += width) encodings.push(encoded.slice(at, at + width));
    }
  }
  // Embedded (`base64("admin:" + value)`), the value starts at one of three byte offsets in a
  // 3-byte group; only characters made of the value's bits alone are fixed. Shorter cores would
  // mask random base64 text.
  if (bytes.length >= MIN_SUBSTRING_LENGTH) encodings.push(...[0, 1, 2].map((offset) => base64Core(bytes, offset)));
  for (const encoded of encodings) {
    forms.add(encoded);
    forms.add(encoded.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
  }
  forms.delete('');
  // A multi-line value is masked line by line: each line is a form, so the lines hide the whole.
  if (lines.length > 1) forms.delete(value);
  return [...forms];
}

/** The base64 characters fixed by `bytes` alone when they start `offset` bytes into a 3-byte group. */
function base64Core(bytes: Buffer, offset: number): string {
  const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
  // Character i carries bits 6i..6i+5 of the input; keep those that lie inside the value's bits.
  return encoded.slice(Math.ceil((offset * 8) / 6), Math.floor(((offset + bytes.length) * 8) / 6));
}

/**
 * A global regex that finds `form` as written or encoded: any character that is not a letter or
 * digit may be backslash-escaped (JSON, shell), percent-encoded (either case, `+` for a space),
 * a JSON `\uXXXX` escape, an HTML entity, or a single quote closed and reopened (`'\''`).
 */
export function formMatcher(form: string): RegExp {
  const body = [...form].map(characterPattern).join('');
  if (form.length >= MIN_SUBSTRING_LENGTH) return new RegExp(body, 'g');
  return new RegExp(`(?<![A-Za-z0-9])${body}(?![A-Za-z0-9])`, 'g');
}

const JSON_SHORT_ESCAPES: Record<string, string> = {'\t': 't', '\b': 'b', '\f': 'f', '\r': 'r'};
const HTML_NAMED: Record<string, string> = {'"': 'quot', "'": 'apos', '&': 'amp', '<': 'lt', '>': 'gt'};

function characterPattern(char: string): string {
  if (/[A-Za-z0-9]/.test(char)) return char;
  const code = char.codePointAt(0)!;
  const alternatives = [`\\\\?${escapeRegExp(char)}`];
  alternatives.push([...Buffer.from(char)].map((byte) => `%${hex(byte, 2)}`).join(''));
  const units = code > 0xffff ? [0xd800 + ((code - 0x10000) >> 10), 0xdc00 + ((code - 0x10000) & 0x3ff)] : [code];
  alternatives.push(units.map((unit) => `\\\\u${hex(unit, 4)}`).join(''));
  alternatives.push(`&#0*${code};`, `&#[xX]0*${hex(code, 0)};`);
  if (HTML_NAMED[char]) alternatives.push(`&${HTML_NAMED[char]};`);
  if (JSON_SHORT_ESCAPES[char]) alternatives.push(`\\\\${JSON_SHORT_ESCAPES[char]}`);
  if (char === ' ') alternatives.push('\\+');
  if (char === "'") alternatives.push(`'\\\\''`);
  return `(?:${alternatives.join('|')})`;
}

/** Hex digits as a pattern that accepts either case (`%2f` and `%2F`). */
function hex(value: number, width: number): string {
  return [...value.toString(16).padStart(width, '0')]
    .map((digit) => (/[a-f]/.test(digit) ? `[${digit}${digit.toUpperCase()}]` : digit))
    .join('');
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}
