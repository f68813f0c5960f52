import { isSlsaProvenance, parseSlsaPredicate } from '../../provenance/slsa';
import { digestMap } from '../digests';
import { listAt, prop, textAt } from '../json-values';
import { withoutUndefined } from '../origin';
import type { SlsaFacts } from '../types';

/**
 * SLSA provenance v0.2 and v1 facts: the source and build facts come from the provenance module's
 * reader (shared with npm provenance checks); materials are v0.2 `materials` or v1
 * `buildDefinition.resolvedDependencies`.
 */
export function slsaFacts(predicateType: string, predicate: Record<string, unknown>): SlsaFacts | undefined {
  if (!isSlsaProvenance(predicateType)) return undefined;
  const facts = parseSlsaPredicate(predicateType, predicate);
  const materials = [...listAt(predicate, 'materials'), ...listAt(prop(predicate, 'buildDefinition'), 'resolvedDependencies')].flatMap((m) => {
    const uri = textAt(m, 'uri') ?? textAt(m, 'name');
    return uri ? [{ uri, digests: digestMap(prop(m, 'digest')) }] : [];
  });
  return withoutUndefined({
    buildType: facts.buildType,
    builderId: facts.builderId,
    sourceRepository: facts.sourceRepository,
    commit: facts.commit,
    ref: facts.ref,
    workflowPath: facts.workflowPath,
    invocationUrl: facts.invocationUrl,
    materials,
  });
}
