/**
 * Credentials a runbook creates (MinIO keys, Forgejo's admin password, drill values). Letters and
 * digits only, so a value survives YAML, URLs, INI files and shells without quoting.
 */
import {randomInt} from 'node:crypto';
import {GENERATE_COMMAND} from '../contract/commands';
import type {StepContext} from './context';
import type {EnvCredential} from './credentials';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function generateSecret(length = 24): string {
  return Array.from({length}, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

/**
 * A generated secret that several commands use (the drill value goes into a Secret and onto a
 * volume), as the variable they take it in. A person pasting the plan generates it once, with the
 * same command a plan shows for any generated value, and every command reads that one value.
 */
export function generatedCredential(
  ctx: Pick<StepContext, 'secret'>,
  variable: string,
  length?: number,
): EnvCredential {
  return {variable, value: ctx.secret(generateSecret(length), {command: GENERATE_COMMAND})};
}
