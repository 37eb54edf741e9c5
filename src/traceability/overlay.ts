/**
 * The C4 overlay: for each architecture element a use case touches, the status of the use cases
 * that touch it, so an architecture view can show which parts of the platform are proven by real
 * runs. An element is no better than the weakest use case touching it (the matrix's rollup): a
 * node shared by a verified and a failing use case shows FAILING.
 */
import type {StatusInfo} from '../contract/status';
import type {CapabilityView} from './matrix';
import {rollUp} from './rollup';
import type {LinkTargets} from './targets';

export interface ElementStatus {
  /** The likec4 element id, which is also the id of its node in every view that draws it. */
  id: string;
  title: string;
  /** The views that draw the element. */
  views: string[];
  status: StatusInfo;
  /** The use cases touching it, in the order of the data. */
  useCases: string[];
}

export function elementStatuses(capabilities: CapabilityView[], targets: LinkTargets): ElementStatus[] {
  const touching = new Map<string, CapabilityView['useCases']>();
  for (const useCase of capabilities.flatMap((capability) => capability.useCases))
    for (const {id} of useCase.c4) touching.set(id, [...(touching.get(id) ?? []), useCase]);
  return [...touching].map(([id, useCases]) => {
    const element = targets.c4.get(id);
    if (!element) throw new Error(`The traceability data names the C4 element ${id}, which the model lacks`);
    return {
      id,
      title: element.title,
      views: element.views,
      status: rollUp(useCases.map((useCase) => ({name: useCase.id, status: useCase.status}))),
      useCases: useCases.map((useCase) => useCase.id),
    };
  });
}
