/**
 * A git server's repositories and users, as Gitea (inside idpbuilder) and Forgejo keep them. Each
 * commit holds a full snapshot of the files, which is all the runbooks need: clone, commit, push,
 * and read back a branch head or a file.
 */
import {createHash} from 'node:crypto';

export interface SimCommit {
  sha: string;
  parent?: string;
  message: string;
  files: Record<string, string>;
}

export interface SimRepository {
  owner: string;
  name: string;
  defaultBranch: string;
  private: boolean;
  /** Oldest first; the last one is the head of the default branch. */
  commits: SimCommit[];
}

export interface SimToken {
  name: string;
  sha: string;
  scopes: string[];
}

export interface SimGitUser {
  name: string;
  password: string;
  admin: boolean;
  tokens: SimToken[];
}

export function commitOf(parent: SimCommit | undefined, message: string, files: Record<string, string>): SimCommit {
  const sha = createHash('sha1')
    .update(JSON.stringify({parent: parent?.sha, message, files}))
    .digest('hex');
  return {sha, parent: parent?.sha, message, files};
}

export class SimGitHost {
  readonly users = new Map<string, SimGitUser>();
  readonly repositories = new Map<string, SimRepository>();

  addUser(name: string, password: string, admin = false): SimGitUser {
    const user: SimGitUser = {name, password, admin, tokens: []};
    this.users.set(name, user);
    return user;
  }

  createRepository(
    owner: string,
    name: string,
    options: {private?: boolean; files?: Record<string, string>; defaultBranch?: string} = {},
  ): SimRepository {
    const repository: SimRepository = {
      owner,
      name,
      defaultBranch: options.defaultBranch ?? 'main',
      private: options.private ?? false,
      commits: [],
    };
    if (options.files) repository.commits.push(commitOf(undefined, 'Initial commit', options.files));
    this.repositories.set(`${owner}/${name}`, repository);
    return repository;
  }

  /** `/owner/name` or `/owner/name.git` (with or without more path after it). */
  repositoryAt(path: string): SimRepository | undefined {
    const [owner, name] = path.replace(/^\//, '').split('/');
    return this.repositories.get(`${owner}/${(name ?? '').replace(/\.git$/, '')}`);
  }

  /**
   * The user an Authorization header names: Basic with a password or a token as password,
   * or `token <sha>`. Undefined without a header; 'invalid' when the credentials are wrong.
   */
  authenticate(authorization: string | undefined): SimGitUser | 'invalid' | undefined {
    if (!authorization) return undefined;
    const [scheme = '', value = ''] = authorization.trim().split(/\s+/, 2);
    if (/^basic$/i.test(scheme)) {
      const [name = '', secret = ''] = splitOnce(Buffer.from(value, 'base64').toString('utf8'), ':');
      const user = this.users.get(name);
      return user && (user.password === secret || user.tokens.some((token) => token.sha === secret)) ? user : 'invalid';
    }
    if (/^(token|bearer)$/i.test(scheme)) {
      return [...this.users.values()].find((user) => user.tokens.some((token) => token.sha === value)) ?? 'invalid';
    }
    return 'invalid';
  }
}

export function head(repository: SimRepository): SimCommit | undefined {
  return repository.commits[repository.commits.length - 1];
}

function splitOnce(text: string, separator: string): [string, string] {
  const index = text.indexOf(separator);
  return index < 0 ? [text, ''] : [text.slice(0, index), text.slice(index + 1)];
}
