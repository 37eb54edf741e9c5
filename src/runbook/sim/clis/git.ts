/**
 * `git` over HTTP(S) against the simulated git hosts (Gitea behind idpbuilder's ingress, Forgejo
 * through a port-forward): clone, add, commit, push and rev-parse, with git's messages and exit
 * codes (128 for fatal errors). Credentials come only from `-c http.extraHeader=Authorization:
 * Basic ...`; a self-signed certificate needs `-c http.sslVerify=false` or GIT_SSL_NO_VERIFY; a
 * commit needs an author identity, which CI runners do not have unless the command sets one.
 * Working trees live in the world's files, so a runbook edits them with `ctx.files`.
 *
 * Messages and exit codes from git/git v2.43.0 (Ubuntu 24.04's git): die() exits 128 (usage.c),
 * error() returns 1. Each function names the file its wording comes from.
 */
import path from 'node:path';
import {fail, ok} from '../args';
import {connectionRefused, reach} from '../network';
import type {SimAnswer, SimExit, SimInvocation} from '../process';
import {
  commitOf,
  head,
  type SimCommit,
  type SimGitHost,
  type SimGitUser,
  type SimRepository,
} from '../servers/git-host';
import type {SimCli, SimWorld} from '../world';

interface WorkingTree {
  remote: string;
  /** The remote head this tree is based on (at clone, or after the last push). */
  base?: string;
  commits: SimCommit[];
  staged: Set<string>;
  /** Every commit the clone fetched (the remote's default branch), for `checkout <sha>`. */
  fetched: SimCommit[];
}

const trees = new WeakMap<SimWorld, Map<string, WorkingTree>>();
/** Present in the world's files while a working tree exists: deleting the folder deletes the repository. */
const GIT_MARKER = '.git/HEAD';

function treesOf(world: SimWorld): Map<string, WorkingTree> {
  if (!trees.has(world)) trees.set(world, new Map());
  return trees.get(world)!;
}

interface GitCall {
  config: Map<string, string>;
  dir: string;
  command: string;
  args: string[];
}

function parse({argv, cwd}: SimInvocation): GitCall {
  const config = new Map<string, string>();
  let dir = cwd;
  let index = 1;
  for (; index < argv.length; index++) {
    const word = argv[index]!;
    if (word === '-c') {
      const [key = '', ...value] = argv[++index]!.split('=');
      config.set(key.toLowerCase(), value.join('='));
    } else if (word === '-C') {
      dir = path.resolve(dir, argv[++index]!);
    } else break;
  }
  return {config, dir, command: argv[index] ?? '', args: argv.slice(index + 1)};
}

export const git: SimCli = (invocation, world) => {
  if (invocation.argv[1] === '--version') return ok(`git version ${world.installed.get('git')}\n`);
  const call = parse(invocation);
  switch (call.command) {
    case 'clone':
      return clone(world, call, invocation);
    case 'add':
      return add(world, call);
    case 'commit':
      return commit(world, call, invocation.env);
    case 'push':
      return push(world, call, invocation);
    case 'rev-parse':
      return revParse(world, call);
    case 'checkout':
      return checkout(world, call);
    default:
      return fail(`git: '${call.command}' is not a git command. See 'git --help'.\n`, 1); // help.c
  }
};

interface Remote {
  host: SimGitHost;
  repository: SimRepository;
  /** Undefined when the command sent no credentials. */
  user: SimGitUser | undefined;
}

/**
 * Reaches the repository behind a URL the way git's HTTP transport does, or git's fatal error:
 * remote-curl.c ("unable to access '%s': %s", "repository '%s' not found", "Authentication failed
 * for '%s'"), the reason being curl's message (see curl.ts). The `remote:` lines are the server's.
 */
function remote(world: SimWorld, url: string, call: GitCall, env: SimInvocation['env']): Remote | SimExit {
  const parsed = new URL(url);
  const reached = reach(world.listeners, parsed);
  if (!reached) return fail(`fatal: unable to access '${url}/': ${connectionRefused(parsed)}\n`, 128);
  const skipTls =
    call.config.get('http.sslverify') === 'false' || env.GIT_SSL_NO_VERIFY === 'true' || env.GIT_SSL_NO_VERIFY === '1';
  if (reached.selfSigned && !skipTls)
    return fail(`fatal: unable to access '${url}/': SSL certificate problem: self-signed certificate\n`, 128);
  const host = reached.backend.git;
  const repository = host?.repositoryAt(reached.path);
  if (!host || !repository) return fail(`remote: Not found.\nfatal: repository '${url}/' not found\n`, 128);
  const header = call.config.get('http.extraheader') ?? '';
  const user = host.authenticate(
    /^authorization:\s*/i.test(header) ? header.replace(/^authorization:\s*/i, '') : undefined,
  );
  if (user === 'invalid') return fail(`remote: Unauthorized\nfatal: Authentication failed for '${url}/'\n`, 128);
  return {host, repository, user};
}

/** prompt.c: no askpass and no terminal, so reading the user name dies with strerror(ENXIO). */
function noUsername(url: string): SimExit {
  return fail(`fatal: could not read Username for '${new URL(url).origin}': No such device or address\n`, 128);
}

/** builtin/clone.c: "Cloning into '%s'...", the existing-destination error, the empty-repository warning. */
function clone(world: SimWorld, call: GitCall, invocation: SimInvocation): SimAnswer {
  const [url = '', target] = call.args.filter((word) => !word.startsWith('-'));
  const dir = path.resolve(call.dir, target ?? path.basename(url).replace(/\.git$/, ''));
  const shown = target ?? path.basename(dir);
  if (treeAt(world, dir) || [...world.files.keys()].some((file) => file.startsWith(`${dir}/`))) {
    return fail(`fatal: destination path '${shown}' already exists and is not an empty directory.\n`, 128);
  }
  const found = remote(world, url, call, invocation.env);
  if ('exitCode' in found) return withCloning(found, shown);
  if (found.repository.private && !found.user) return withCloning(noUsername(url), shown);
  const current = head(found.repository);
  for (const [file, content] of Object.entries(current?.files ?? {}))
    world.files.set(path.join(dir, file), {content, mode: 0o644});
  world.files.set(path.join(dir, GIT_MARKER), {content: 'ref: refs/heads/main\n', mode: 0o644});
  treesOf(world).set(dir, {
    remote: url,
    base: current?.sha,
    commits: current ? [current] : [],
    staged: new Set(),
    fetched: [...found.repository.commits],
  });
  return ok(
    '',
    `Cloning into '${shown}'...\n${current ? '' : 'warning: You appear to have cloned an empty repository.\n'}`,
  );
}

function withCloning(answer: SimExit, shown: string): SimExit {
  return {...answer, stderr: `Cloning into '${shown}'...\n${answer.stderr ?? ''}`};
}

/** The working tree at `dir`, as long as its .git folder was not deleted. */
function treeAt(world: SimWorld, dir: string): WorkingTree | undefined {
  if (world.files.has(path.join(dir, GIT_MARKER))) return treesOf(world).get(dir);
  treesOf(world).delete(dir);
  return undefined;
}

// setup.c
const NOT_A_REPOSITORY = fail('fatal: not a git repository (or any of the parent directories): .git\n', 128);

function add(world: SimWorld, call: GitCall): SimAnswer {
  const tree = treeAt(world, call.dir);
  if (!tree) return NOT_A_REPOSITORY;
  const all = call.args.includes('-A') || call.args.includes('--all') || call.args.includes('.');
  const tracked = Object.keys(last(tree)?.files ?? {});
  const present = [...world.files.keys()]
    .filter((file) => file.startsWith(`${call.dir}/`))
    .map((file) => path.relative(call.dir, file))
    .filter((file) => !file.startsWith('.git/'));
  const paths = all ? [...new Set([...tracked, ...present])] : call.args.filter((word) => !word.startsWith('-'));
  for (const file of paths) {
    // builtin/add.c dies on a pathspec that matches nothing.
    if (!all && !present.includes(file) && !tracked.includes(file))
      return fail(`fatal: pathspec '${file}' did not match any files\n`, 128);
    tree.staged.add(file);
  }
  return ok();
}

function last(tree: WorkingTree): SimCommit | undefined {
  return tree.commits[tree.commits.length - 1];
}

function commit(world: SimWorld, call: GitCall, env: SimInvocation['env']): SimAnswer {
  const tree = treeAt(world, call.dir);
  if (!tree) return NOT_A_REPOSITORY;
  // ident.c: "Author identity unknown" and its advice, then die (128).
  if (!call.config.get('user.email') && !env.GIT_AUTHOR_EMAIL && !env.EMAIL) {
    return fail(
      'Author identity unknown\n\n*** Please tell me who you are.\n\nRun\n\n  git config --global user.email "you@example.com"\n  git config --global user.name "Your Name"\n\nto set your account\'s default identity.\nOmit --global to set the identity only in this repository.\n\nfatal: unable to auto-detect email address (got \'runner@localhost.(none)\')\n',
      128,
    );
  }
  const messageIndex = call.args.findIndex((word) => word === '-m' || word === '--message');
  const message = messageIndex >= 0 ? (call.args[messageIndex + 1] ?? '') : '';
  const parent = last(tree);
  const files = {...(parent?.files ?? {})};
  for (const file of tree.staged) {
    const entry = world.files.get(path.join(call.dir, file));
    if (entry) files[file] = entry.content;
    else delete files[file];
  }
  tree.staged.clear();
  // wt-status.c "nothing to commit, working tree clean" on stdout; commit exits 1.
  if (JSON.stringify(files) === JSON.stringify(parent?.files ?? {})) {
    return fail(
      '',
      1,
      "On branch main\nYour branch is up to date with 'origin/main'.\n\nnothing to commit, working tree clean\n",
    );
  }
  const created = commitOf(parent, message, files);
  tree.commits.push(created);
  const changed = Object.keys(files).filter((file) => files[file] !== parent?.files[file]).length;
  return ok(`[main ${created.sha.slice(0, 7)}] ${message}\n ${changed} file${changed === 1 ? '' : 's'} changed\n`);
}

function push(world: SimWorld, call: GitCall, invocation: SimInvocation): SimAnswer {
  const tree = treeAt(world, call.dir);
  if (!tree) return NOT_A_REPOSITORY;
  const found = remote(world, tree.remote, call, invocation.env);
  if ('exitCode' in found) return found;
  if (!found.user) return noUsername(tree.remote);
  if (found.user.name !== found.repository.owner && !found.user.admin) {
    return fail(
      `remote: User permission denied for writing.\nfatal: unable to access '${tree.remote}/': The requested URL returned error: 403\n`,
      128,
    );
  }
  const remoteHead = head(found.repository);
  const local = last(tree);
  // transport.c: "Everything up-to-date", the ref status lines, the "(fetch first)" rejection; builtin/push.c its hint.
  if (local?.sha === remoteHead?.sha) return ok('', 'Everything up-to-date\n');
  if (remoteHead?.sha !== tree.base) {
    return fail(
      `To ${tree.remote}\n ! [rejected]        HEAD -> main (fetch first)\nerror: failed to push some refs to '${tree.remote}'\nhint: Updates were rejected because the remote contains work that you do not\nhint: have locally.\n`,
      1,
    );
  }
  const unpushed = tree.commits.slice(tree.commits.findIndex((entry) => entry.sha === tree.base) + 1);
  found.repository.commits.push(...unpushed);
  tree.base = local?.sha;
  return ok(
    '',
    `To ${tree.remote}\n   ${remoteHead?.sha.slice(0, 7) ?? '0000000'}..${local?.sha.slice(0, 7)}  HEAD -> main\n`,
  );
}

function revParse(world: SimWorld, call: GitCall): SimAnswer {
  const tree = treeAt(world, call.dir);
  if (!tree) return NOT_A_REPOSITORY;
  const commit = last(tree);
  // setup.c: an unborn HEAD is an ambiguous argument.
  if (!commit)
    return fail("HEAD\nfatal: ambiguous argument 'HEAD': unknown revision or path not in the working tree.\n", 128);
  return ok(`${commit.sha}\n`);
}

/**
 * `checkout [--detach] <commit>`: a full clone has every commit of the branch it fetched; the
 * working tree becomes that commit's files. An unknown revision is git's pathspec error (exit 1,
 * dir.c report_path_error); a found one prints builtin/checkout.c's "HEAD is now at <abbrev> <subject>".
 */
function checkout(world: SimWorld, call: GitCall): SimAnswer {
  const tree = treeAt(world, call.dir);
  if (!tree) return NOT_A_REPOSITORY;
  const [revision = ''] = call.args.filter((word) => !word.startsWith('-'));
  const index = revision.length >= 4 ? tree.fetched.findIndex((candidate) => candidate.sha.startsWith(revision)) : -1;
  if (index < 0) return fail(`error: pathspec '${revision}' did not match any file(s) known to git\n`, 1);
  const target = tree.fetched[index]!;
  for (const file of [...world.files.keys()])
    if (file.startsWith(`${call.dir}/`) && !file.startsWith(`${call.dir}/.git/`)) world.files.delete(file);
  for (const [file, content] of Object.entries(target.files))
    world.files.set(path.join(call.dir, file), {content, mode: 0o644});
  tree.commits = tree.fetched.slice(0, index + 1);
  return ok('', `HEAD is now at ${target.sha.slice(0, 7)} ${target.message}\n`);
}
