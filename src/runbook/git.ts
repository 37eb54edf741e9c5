/**
 * git over HTTPS with credentials from the environment: `-c http.extraHeader=...` names
 * $GIT_AUTH, which bash expands when the command runs. Plans and logs show the variable; the
 * value (base64 of user:password, registered as a secret) is never in argv.
 */
import type {StepContext} from './context';
import {withRawPrefix, type Shell} from './shell';

export interface GitRemoteAccess {
  user: string;
  password: string;
  /** Accept a self-signed certificate (idpbuilder's Gitea behind its ingress). */
  insecure?: boolean;
}

export function gitWithCredentials(ctx: Pick<StepContext, '$' | 'env' | 'secret'>, access: GitRemoteAccess): Shell {
  const basic = ctx.secret(Buffer.from(`${access.user}:${access.password}`).toString('base64'));
  const words = ['git'];
  if (access.insecure) words.push('-c http.sslVerify=false');
  words.push('-c "http.extraHeader=Authorization: Basic $GIT_AUTH"');
  return withRawPrefix(ctx.$({env: {...ctx.env, GIT_AUTH: basic}}), words.join(' '));
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
