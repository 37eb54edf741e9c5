/**
 * git over HTTPS with credentials from the environment: `-c http.extraHeader=...` names
 * $GIT_AUTH, which bash expands when the command runs. Plans and logs show the variable; the
 * value (base64 of user:password, registered as a secret) is never in argv. A plan shows how to
 * set it: from the password's own variable, which is set as that password's origin says.
 */
import type {StepContext} from './context';
import {variableName, type EnvCredential} from './credentials';
import {posixQuote, withRawPrefix, type Shell} from './shell';

export interface GitRemoteAccess {
  user: string;
  /** The password (or token), with the variable a pasted plan keeps it in. */
  password: EnvCredential;
  /** Accept a self-signed certificate (idpbuilder's Gitea behind its ingress). */
  insecure?: boolean;
}

export function gitWithCredentials(ctx: Pick<StepContext, '$' | 'secret'>, access: GitRemoteAccess): Shell {
  const {user, password} = access;
  // printf and base64 make the same value in a shell; tr joins the lines GNU base64 wraps at 76.
  const basic = ctx.secret(Buffer.from(`${user}:${password.value}`).toString('base64'), {
    command: `printf '%s:%s' ${posixQuote(user)} "$${variableName(password.variable)}" | base64 | tr -d '\\n'`,
    needs: [password],
  });
  const words = ['git'];
  if (access.insecure) words.push('-c http.sslVerify=false');
  words.push('-c "http.extraHeader=Authorization: Basic $GIT_AUTH"');
  return withRawPrefix(ctx.$({credentials: [{variable: 'GIT_AUTH', value: basic}]}), words.join(' '));
}

export interface FileChange {
  url: string;
  /** Working tree, cloned afresh every run: an old one may be behind the remote. */
  dir: string;
  file: string;
  content: string;
  message: string;
}

/** Clones, writes one file, commits and pushes it: the round trip that proves a forge accepts pushes. */
export async function pushFileChange(
  ctx: Pick<StepContext, '$' | 'files'>,
  git: Shell,
  change: FileChange,
): Promise<void> {
  await ctx.files.remove(change.dir);
  await git`clone ${change.url} ${change.dir}`;
  await ctx.files.write(`${change.dir}/${change.file}`, change.content, 0o644);
  await ctx.$`git -C ${change.dir} add ${change.file}`;
  await ctx.$`git -C ${change.dir} -c user.name=${'EDF runbook'} -c user.email=runbook@edf.invalid commit -m ${change.message}`;
  await git`-C ${change.dir} push origin HEAD`;
}
