/**
 * The simulated toolchain: a fresh machine where Docker runs, the CLIs are installed at the
 * versions CI pins, no kind cluster exists and no port is taken. Tests change it to stage faults.
 */
import {curl} from './clis/curl';
import {docker} from './clis/docker';
import {git} from './clis/git';
import {helm} from './clis/helm';
import {idpbuilder} from './clis/idpbuilder';
import {kind} from './clis/kind';
import {kubectl} from './clis/kubectl';
import {velero} from './clis/velero';
import {coreControllers} from './controllers';
import {argocdController} from './servers/argocd';
import {forgejoController} from './servers/forgejo';
import {keycloakController} from './servers/keycloak';
import {minioController} from './servers/minio';
import {githubBackend} from './servers/stacks';
import {storageController} from './servers/storage';
import {veleroController} from './servers/velero';
import {SimWorld} from './world';

export function createSimWorld(): SimWorld {
  const world = new SimWorld()
    .register('docker', docker, '28.2.2')
    .register('kind', kind, '0.30.0')
    .register('kubectl', kubectl, '1.34.1')
    .register('idpbuilder', idpbuilder, '0.10.1')
    .register('git', git, '2.43.0')
    .register('velero', velero, '1.18.1')
    .register('helm', helm, '3.19.0')
    .register('curl', curl, '8.5.0')
    .addController(coreControllers)
    .addController(storageController)
    .addController(argocdController)
    .addController(minioController)
    .addController(veleroController)
    .addController(forgejoController)
    .addController(keycloakController);
  // github.com serves cnoe-io/stacks to git and to idpbuilder's own clone.
  const github = githubBackend();
  world.listeners.set('https://github.com', () => github);
  return world;
}

export {SimWorld} from './world';
export type {SimCli, SimController, SimFaults} from './world';
