/**
 * Validation of the manifests runbooks apply: core, apps and batch kinds against the Kubernetes
 * OpenAPI schemas (kubernetes-models), and a short list of required fields for the custom
 * resources the runbooks create themselves.
 */
import YAML from 'yaml';
import {Deployment} from 'kubernetes-models/apps/v1/Deployment';
import {StatefulSet} from 'kubernetes-models/apps/v1/StatefulSet';
import {Job} from 'kubernetes-models/batch/v1/Job';
import {ConfigMap} from 'kubernetes-models/v1/ConfigMap';
import {Namespace} from 'kubernetes-models/v1/Namespace';
import {PersistentVolumeClaim} from 'kubernetes-models/v1/PersistentVolumeClaim';
import {Pod} from 'kubernetes-models/v1/Pod';
import {Secret} from 'kubernetes-models/v1/Secret';
import {Service} from 'kubernetes-models/v1/Service';
import type {KubeObject} from '../../../src/runbook/kube';

type Validating = new (data: never) => {validate(): void};

const SCHEMAS: Record<string, Validating> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'v1/Pod': Pod,
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'batch/v1/Job': Job,
};

export function documents(text: string): KubeObject[] {
  return YAML.parseAllDocuments(text)
    .map((document) => document.toJSON() as KubeObject | null)
    .filter((object): object is KubeObject => Boolean(object));
}

/** Throws, naming the object, when a document is not a valid object of a known kind. */
export function validateManifest(text: string): KubeObject[] {
  const objects = documents(text);
  for (const object of objects) {
    const schema = SCHEMAS[`${object.apiVersion}/${object.kind}`];
    if (!schema)
      throw new Error(
        `No schema for ${object.apiVersion} ${object.kind} (${object.metadata?.name}): add one to tests/unit/runbook/manifests.ts`,
      );
    try {
      new schema(object as never).validate();
    } catch (error) {
      throw new Error(
        `${object.kind} ${object.metadata.name} is not valid: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return objects;
}

/** Images of a manifest's pods: each must carry a fixed tag (not latest, not none). */
export function imagesOf(objects: KubeObject[]): string[] {
  return objects.flatMap((object) => {
    const spec = (
      object.spec as
        | {template?: {spec?: {containers?: Array<{image: string}>; initContainers?: Array<{image: string}>}}}
        | undefined
    )?.template?.spec;
    return [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].map((container) => container.image);
  });
}
