/**
 * What a runbook author needs, from one place: `import {defineRunbook, ...} from '../src/runbook'`.
 * Runbooks import nothing else of the engine (tests/unit/runbook/public-api.test.ts keeps it so),
 * which leaves the engine free to move its insides without touching a runbook.
 */
export type {Duration} from './clock';
export type {StepContext} from './context';
export type {EnvCredential} from './credentials';
export {StepAssertionError, StepSkipped} from './errors';
export {generatedCredential, generateSecret} from './generate';
export {gitWithCredentials, pushFileChange} from './git';
export {httpRequest, type HttpRequest, type HttpResponse} from './http';
export {conditionStatus, fieldAt, type KubeObject} from './kube';
export {
  defineRunbook,
  kubeContextOf,
  KIND_CLUSTER,
  KIND_CONTEXT,
  onlyWithKind,
  type PreflightCheck,
  type Runbook,
  type RunbookOption,
  type RunOptions,
  type Step,
  type Tool,
} from './model';
export {clusterReachable, dockerEngineReachable, hostPortFree, kindClusterExists} from './preflight';
export {readSecret, secretKeyCommand} from './secret-data';
export {posixQuote, withPrefix, type Shell} from './shell';
export {curl, docker, git, helm, idpbuilder, kind, kubectl, velero} from './tools';
