/**
 * Masks secrets before any text leaves the engine: values a runbook learned at run time, in every
 * form a tool may print them (`../secrets/forms.ts`), plus common credential shapes
 * (`../secrets/patterns.ts`, shared with the secret scan of the built site).
 *
 * Where redaction happens, and what it cannot do:
 * - Every event is redacted when it is emitted, with the values registered so far. Output is cut
 *   into whole lines before that (`CommandTracker`), so a value split across output chunks is
 *   whole again when it is matched; a multi-line value (a PEM key) is masked line by line.
 * - The run result (the JSON report and JUnit are made of it) is redacted again when the run ends,
 *   and the transcript when it is written, with the final set of values: a value printed before
 *   the runbook registered it is masked in every file.
 * - The live terminal cannot take back what it showed. A runbook must register a value before it
 *   prints it; commands that print secrets run with `secretOutput`, whose output is dropped
 *   (stdout) or held back until the runbook moves on (stderr), by which time it has registered them.
 * - A private key a tool prints is masked line by line as it arrives (`PrivateKeyLines`): no single
 *   line of its body matches a pattern, and the block is only whole once it has been shown.
 * - Values shorter than `MIN_SUBSTRING_LENGTH` are masked where they stand as a whole word, not
 *   inside longer words: masking `ab` in `table` would wreck the log, and a short value inside
 *   a word does not tell a reader which part it is.
 */
import {REDACTED} from '../contract/commands';
import {formMatcher, secretForms} from '../secrets/forms';
import {CREDENTIAL_PATTERNS} from '../secrets/patterns';

export {REDACTED};

export class Redactor {
  private readonly matchers = new Map<string, RegExp>();

  /** Registers a value learned at run time; returns it so callers can write `x = redactor.add(y)`. */
  add(value: string): string {
    const trimmed = value.trim();
    if (trimmed) {
      for (const form of secretForms(trimmed)) if (!this.matchers.has(form)) this.matchers.set(form, formMatcher(form));
    }
    return value;
  }

  redact(text: string): string {
    return maskPatterns(maskRanges(text, this.rangesOfValues(text)));
  }

  /** Redacts every string inside a JSON-like value (events, reports). */
  redactDeep<T>(value: T): T {
    if (typeof value === 'string') return this.redact(value) as T;
    if (Array.isArray(value)) return value.map((item) => this.redactDeep(item)) as T;
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.redactDeep(item)])) as T;
    }
    return value;
  }

  /** Where registered values occur; overlapping forms (a value and its line) are masked as one. */
  private rangesOfValues(text: string): Array<[number, number]> {
    const ranges: Array<[number, number]> = [];
    for (const matcher of this.matchers.values()) {
      for (const match of text.matchAll(matcher)) ranges.push([match.index, match.index + match[0].length]);
    }
    return ranges;
  }
}

function maskRanges(text: string, ranges: Array<[number, number]>): string {
  if (ranges.length === 0) return text;
  ranges.sort((a, b) => a[0] - b[0]);
  let result = '';
  let at = 0;
  for (const [start, end] of ranges) {
    if (start >= at) {
      result += text.slice(at, start) + REDACTED;
      at = end;
    } else if (end > at) {
      at = end;
    }
  }
  return result + text.slice(at);
}

function maskPatterns(text: string): string {
  let result = text;
  for (const {regex} of CREDENTIAL_PATTERNS) {
    result = result.replace(regex, (match: string, ...args: unknown[]) => {
      const groups = args[args.length - 1] as {value?: string} | undefined;
      return groups?.value ? match.replace(groups.value, REDACTED) : match;
    });
  }
  return result;
}

// The armour lines of a private key (PKCS#1/#8, EC, OpenSSH, encrypted, PGP): public ones stay readable.
const PRIVATE_KEY_BEGIN = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----/;
const PRIVATE_KEY_END = /-----END [A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----/;

/**
 * Masks the body of a private key in one output stream read line by line (`cat key.pem`, a Secret
 * printed as text): every line between the BEGIN and END armour lines, which stay to show what was
 * there. One instance per stream, since the block spans lines.
 */
export class PrivateKeyLines {
  private inside = false;

  mask(line: string): string {
    if (this.inside) {
      const end = PRIVATE_KEY_END.exec(line);
      if (!end) return masked(line);
      this.inside = false;
      return masked(line.slice(0, end.index)) + line.slice(end.index);
    }
    const begin = PRIVATE_KEY_BEGIN.exec(line);
    // A block that ends on the line it starts on is whole there, and the key pattern masks it.
    if (!begin || PRIVATE_KEY_END.test(line)) return line;
    this.inside = true;
    const armour = begin.index + begin[0].length;
    return line.slice(0, armour) + masked(line.slice(armour));
  }
}

/** Blank text stays as it is (line structure); anything else becomes the marker. */
function masked(text: string): string {
  return text.trim() ? REDACTED : text;
}
