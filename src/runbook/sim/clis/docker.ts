/** `docker` as far as the runbooks ask it: client version and whether the engine answers. */
import {fail, ok} from '../args';
import type {SimCli} from '../world';

export const DOCKER_DOWN = 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n';

export const docker: SimCli = ({argv}, world) => {
  const [, command] = argv;
  const format = argv[argv.indexOf('--format') + 1];
  if (command === 'version') {
    const client = `${world.installed.get('docker')}\n`;
    // The client answers for itself even when the engine is down, then exits 1.
    return world.docker.running ? ok(format ? client : `Client: Docker Engine\n Version: ${client}`) : fail(DOCKER_DOWN, 1, client);
  }
  if (command === 'info') {
    return world.docker.running ? ok(`${world.docker.serverVersion}\n`) : fail(DOCKER_DOWN, 1, '\n');
  }
  return fail(`docker: '${command}' is not a docker command the simulation knows.\n`, 1);
};
