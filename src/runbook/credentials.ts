/**
 * Credentials handed to commands as environment variables, and where their values come from.
 *
 * A command that needs a secret names a variable (`-u "forgeadmin:$FORGEJO_PASSWORD"`) and gets
 * the value in its environment, so argv, plans and logs show the variable and never the value.
 * A person pasting the plan has no such environment, so every such command also says where the
 * value comes from, as a command that produces it. That origin is recorded when the runbook
 * learns the value (`ctx.secret(value, origin)`: `readSecret` records the Secret it read, an HTTP
 * answer the request it came from) and looked up by value when a command takes it: the plan
 * shows what the run actually did, not a second description that could drift from it.
 */

/** A secret handed to one command as an environment variable. */
export interface EnvCredential {
  variable: string;
  value: string;
  /**
   * Where it comes from, when that is not where the value was first seen: a value derived from
   * another (its form encoding) may equal it, and must still be shown as derived.
   */
  origin?: ValueOrigin;
}

/** Where a secret value came from. Held in the engine only: it may name other values. */
export type ValueOrigin =
  /**
   * A command whose output is the value (`kubectl get secret ... | base64 -d`). It may read
   * the variables of `needs`, which are set before it.
   */
  | {command: string; needs?: EnvCredential[]}
  /** A field of the JSON answer of an earlier command (`sha1` of the token Forgejo created). */
  | {answer: {commandId: string; field: string}};

/** A variable a command reads, as plans show it: never the value. */
export type CommandVariable =
  /** Set with `export VARIABLE="$(from)"` before the command. */
  | {variable: string; from: string}
  /** Kept from the answer of the earlier command `commandId` (that command, pasted, sets it). */
  | {variable: string; answer: {commandId: string; field: string}};

const VARIABLE = /^[A-Z_][A-Z0-9_]*$/;

/** The variable's name, checked: it is pasted into commands unquoted. */
export function variableName(variable: string): string {
  if (!VARIABLE.test(variable)) throw new Error(`Not an environment variable name: ${variable}`);
  return variable;
}

export class ValueOrigins {
  private readonly origins = new Map<string, ValueOrigin>();

  /** The first origin of a value stays: a value read back later (from a file) came from there. */
  record(value: string, origin: ValueOrigin): void {
    const key = value.trim();
    if (key && !this.origins.has(key)) this.origins.set(key, origin);
  }

  /** Whether the text holds a value whose origin was recorded. */
  knownIn(text: string): boolean {
    return [...this.origins.keys()].some((value) => text.includes(value));
  }

  /** The variables a command reads, each after the ones its origin needs; an unknown origin throws. */
  resolve(credentials: EnvCredential[]): CommandVariable[] {
    const resolved: CommandVariable[] = [];
    const add = (credential: EnvCredential): void => {
      const origin = credential.origin ?? this.origins.get(credential.value.trim());
      if (!origin)
        throw new Error(
          `$${credential.variable} has a value whose origin the runbook did not record: register it with ctx.secret(value, origin) where it is read.`,
        );
      if ('answer' in origin) return void resolved.push({variable: credential.variable, answer: origin.answer});
      for (const need of origin.needs ?? []) add(need);
      resolved.push({variable: credential.variable, from: origin.command});
    };
    for (const credential of credentials) add({...credential, variable: variableName(credential.variable)});
    return resolved;
  }
}
