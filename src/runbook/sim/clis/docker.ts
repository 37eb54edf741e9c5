/**
 * `docker` (28.2.2) as far as the runbooks ask it: client version and whether the engine answers.
 * Sources (docker/cli v28.2.2): `cli/command/system/version.go` runVersion (the template is
 * printed with the client's part even when ServerVersion failed, then that error: exit 1),
 * `cli/command/system/info.go` runInfo and formatInfo (with `--format`, the template runs over
 * an info without server fields, so `{{.ServerVersion}}` prints an empty line, joined with the
 * connection error), and the client it vendors (moby v28.2-dev `client/errors.go`: "Cannot
 * connect to the Docker daemon at %s. Is the docker daemon running?").
 */
import {fail, ok} from '../args';
import type {SimCli} from '../world';

export const DOCKER_DOWN =
  'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n';

export const docker: SimCli = ({argv}, world) => {
  const [, command] = argv;
  const format = argv.includes('--format') ? argv[argv.indexOf('--format') + 1] : undefined;
  if (command === 'version') {
    const client = `${world.installed.get('docker')}\n`;
    // The client answers for itself even when the engine is down, then exits 1.
    return world.docker.running
      ? ok(format ? client : `Client: Docker Engine\n Version: ${client}`)
      : fail(DOCKER_DOWN, 1, client);
  }
  if (command === 'info') {
    if (!world.docker.running) return fail(DOCKER_DOWN, 1, '\n');
    // `--format` with Go template fields, as far as runbooks ask for them.
    const fields: Record<string, string | number> = {
      ServerVersion: world.docker.serverVersion,
      NCPU: world.docker.cpus,
      MemTotal: world.docker.memoryBytes,
    };
    return ok(
      `${(format ?? '{{.ServerVersion}}').replace(/\{\{\.(\w+)\}\}/g, (_match, field: string) => String(fields[field] ?? '<no value>'))}\n`,
    );
  }
  return fail(`docker: '${command}' is not a docker command the simulation knows.\n`, 1);
};
