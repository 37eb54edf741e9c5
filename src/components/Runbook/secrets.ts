/**
 * Secrets in commands shown on a page. In a plan, a value the runbook generates (MinIO's keys,
 * Forgejo's admin password, a drill value) is redacted, so its manifest reads `password: [REDACTED]`;
 * pasted like that it would create a Secret whose value is the word "[REDACTED]". The page shows,
 * and the copy button copies, a command that generates the value instead: the heredoc is unquoted
 * so the shell runs `openssl rand`, and everything else in it is escaped to stay literal.
 */
import type {CommandView} from '@site/src/living-docs/page-data';

/** What the engine writes for a masked value (src/runbook/redact.ts). */
export const REDACTED = '[REDACTED]';
export const GENERATE = '$(openssl rand -hex 16)';

export interface Pasteable {
  /** The command as shown and copied. */
  text: string;
  /** How many generated values it carries. */
  generated: number;
}

export function pasteable(command: Pick<CommandView, 'command' | 'input' | 'display'>): Pasteable {
  const {input} = command;
  if (input === undefined || !input.includes(REDACTED)) return {text: command.display, generated: 0};
  const generated = input.split(REDACTED).length - 1;
  const body = escapeForHeredoc(input.replace(/\n$/, ''))
    // A whole YAML value is quoted: a hex string of digits only would otherwise be read as a number.
    .replace(/(: )\[REDACTED\]$/gm, `$1"${GENERATE}"`)
    .replaceAll(REDACTED, GENERATE);
  return {text: `${command.command} <<EOF\n${body}\nEOF`, generated};
}

/** In an unquoted heredoc the shell expands `$`, backquotes and backslashes; these stay literal. */
function escapeForHeredoc(text: string): string {
  return text.replace(/[\\$`]/g, (char) => `\\${char}`);
}
