/**
 * Masks secrets before any text leaves the engine: values a runbook learned at run time (and
 * their base64 form, as Kubernetes stores them) plus common credential shapes.
 */
import {CREDENTIAL_PATTERNS} from '../secrets/patterns';

export const REDACTED = '[REDACTED]';

// Shorter values would mask ordinary words; no real credential is this short.
const MIN_SECRET_LENGTH = 6;

export class Redactor {
  private readonly known = new Set<string>();

  /** Registers a value learned at run time; returns it so callers can write `x = redactor.add(y)`. */
  add(value: string): string {
    const trimmed = value.trim();
    if (trimmed.length >= MIN_SECRET_LENGTH) {
      this.known.add(trimmed);
      this.known.add(Buffer.from(trimmed).toString('base64'));
    }
    return value;
  }

  redact(text: string): string {
    let result = text;
    // Longest first, so a secret that contains another is masked whole.
    for (const value of [...this.known].sort((a, b) => b.length - a.length)) {
      result = result.split(value).join(REDACTED);
    }
    for (const {regex} of CREDENTIAL_PATTERNS) {
      result = result.replace(regex, (match: string, ...args: unknown[]) => {
        const groups = args[args.length - 1] as {value?: string} | undefined;
        return groups?.value ? match.replace(groups.value, REDACTED) : match;
      });
    }
    return result;
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
}
