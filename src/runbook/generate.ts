/**
 * Credentials a runbook creates (MinIO keys, Forgejo's admin password, drill values). Letters and
 * digits only, so a value survives YAML, URLs, INI files and shells without quoting.
 */
import {randomInt} from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function generateSecret(length = 24): string {
  return Array.from({length}, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}
