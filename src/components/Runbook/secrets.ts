/**
 * Secrets on a page, one implementation for page and terminal, in src/contract: a generated secret
 * shown as a command that generates it, and a secret a command reads from a variable set by an
 * `export` line before it.
 */
export {
  exportLine,
  GENERATE,
  pasteable,
  REDACTED,
  variablesToSet,
  type Pasteable,
} from '../../contract/commands';
