import { field, isRecord, path, str } from './json';
import type { SlsaProvenance } from './types';

/**
 * Source and build facts from SLSA provenance predicates, v0.2 and v1, as GitHub Actions and GitLab
 * CI write them (npm CLI, the SLSA GitHub generator, PyPI trusted publishing). Unknown shapes give
 * whatever fields they share; nothing here throws.
 */

export const SLSA_PROVENANCE_V02 = 'https://slsa.dev/provenance/v0.2';
export const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1';

export function isSlsaProvenance(predicateType: string): boolean {
  return predicateType === SLSA_PROVENANCE_V02 || predicateType === SLSA_PROVENANCE_V1;
}

export function parseSlsaPredicate(predicateType: string, predicate: unknown): SlsaProvenance {
  const facts = predicateType === SLSA_PROVENANCE_V1 ? fromV1(predicate) : fromV02(predicate);
  return dropUndefined({ predicateType, ...facts });
}

/** The Rekor search page for a log index (digits only, anything else gives undefined). */
export function rekorSearchUrl(logIndex: string | undefined): string | undefined {
  return logIndex && /^\d{1,20}$/.test(logIndex) ? `https://search.sigstore.dev/?logIndex=${logIndex}` : undefined;
}

type Facts = Omit<SlsaProvenance, 'predicateType'>;

function fromV02(predicate: unknown): Facts {
  const configSource = path(predicate, 'invocation', 'configSource');
  const environment = path(predicate, 'invocation', 'environment');
  const parameters = path(predicate, 'invocation', 'parameters');
  const source = splitGitUri(str(field(configSource, 'uri')) ?? firstMaterialUri(field(predicate, 'materials')));
  const repository = source.repository ?? githubRepository(environment);
  const ref = str(field(environment, 'GITHUB_REF')) ?? source.ref ?? str(field(parameters, 'CI_COMMIT_REF_NAME'));
  const entryPoint = str(field(configSource, 'entryPoint'));
  return {
    buildType: str(field(predicate, 'buildType')),
    sourceRepository: repository,
    commit: str(path(configSource, 'digest', 'sha1')) ?? str(path(configSource, 'digest', 'gitCommit')) ?? str(field(environment, 'GITHUB_SHA')),
    workflowPath:
      str(field(parameters, 'CI_CONFIG_PATH')) ?? str(path(environment, 'pipeline', 'ref')) ?? workflowFromEntryPoint(entryPoint, repository),
    ref,
    builderId: str(path(predicate, 'builder', 'id')),
    buildTrigger: str(field(environment, 'GITHUB_EVENT_NAME')) ?? str(field(parameters, 'CI_PIPELINE_SOURCE')),
    invocationUrl: githubRunUrl(repository, environment) ?? httpUrl(str(path(predicate, 'metadata', 'buildInvocationId'))),
  };
}

function fromV1(predicate: unknown): Facts {
  const definition = field(predicate, 'buildDefinition');
  const external = field(definition, 'externalParameters');
  const workflow = field(external, 'workflow');
  const dependency = firstGitDependency(field(definition, 'resolvedDependencies'));
  const fromDependency = splitGitUri(str(field(dependency, 'uri')));
  const sourceField = field(external, 'source');
  const repository =
    str(field(workflow, 'repository')) ?? str(sourceField) ?? str(field(sourceField, 'uri')) ?? fromDependency.repository;
  const github = path(definition, 'internalParameters', 'github');
  return {
    buildType: str(field(definition, 'buildType')),
    sourceRepository: repository ? stripGitPrefix(repository) : undefined,
    commit: str(path(dependency, 'digest', 'gitCommit')) ?? str(path(dependency, 'digest', 'sha1')),
    workflowPath: str(field(workflow, 'path')) ?? str(field(external, 'entryPoint')),
    ref: str(field(workflow, 'ref')) ?? fromDependency.ref,
    builderId: str(path(predicate, 'runDetails', 'builder', 'id')),
    buildTrigger: str(field(github, 'event_name')) ?? str(field(github, 'eventName')),
    invocationUrl: httpUrl(str(path(predicate, 'runDetails', 'metadata', 'invocationId'))),
  };
}

/** `git+https://github.com/o/r@refs/tags/v1` → repository and ref. */
function splitGitUri(uri: string | undefined): { repository?: string; ref?: string } {
  if (!uri) return {};
  const bare = stripGitPrefix(uri);
  const at = bare.lastIndexOf('@');
  // An `@` before the path is user info, not a ref.
  if (at > bare.indexOf('/', bare.indexOf('//') + 2)) {
    return { repository: bare.slice(0, at), ref: bare.slice(at + 1) || undefined };
  }
  return { repository: bare };
}

function stripGitPrefix(uri: string): string {
  return uri.replace(/^git\+/, '').replace(/\.git$/, '');
}

/** Old npm provenance writes `owner/repo/.github/workflows/x.yml@ref`; newer writes the path. */
function workflowFromEntryPoint(entryPoint: string | undefined, repository: string | undefined): string | undefined {
  if (!entryPoint) return undefined;
  let workflow = entryPoint.replace(/@[^@]*$/, '');
  const repoPath = repository ? safePathname(repository) : undefined;
  if (repoPath && workflow.startsWith(`${repoPath}/`)) workflow = workflow.slice(repoPath.length + 1);
  return workflow;
}

function githubRepository(environment: unknown): string | undefined {
  const repository = str(field(environment, 'GITHUB_REPOSITORY'));
  const server = str(field(environment, 'GITHUB_SERVER_URL')) ?? 'https://github.com';
  return repository ? `${server}/${repository}` : undefined;
}

function githubRunUrl(repository: string | undefined, environment: unknown): string | undefined {
  const runId = str(field(environment, 'GITHUB_RUN_ID'));
  if (!repository || !runId || !/^\d+$/.test(runId) || !repository.startsWith('https://github.com/')) return undefined;
  const attempt = str(field(environment, 'GITHUB_RUN_ATTEMPT'));
  return `${repository}/actions/runs/${runId}${attempt && /^\d+$/.test(attempt) ? `/attempts/${attempt}` : ''}`;
}

function firstMaterialUri(materials: unknown): string | undefined {
  return Array.isArray(materials) ? str(field(materials[0], 'uri')) : undefined;
}

function firstGitDependency(dependencies: unknown): unknown {
  if (!Array.isArray(dependencies)) return undefined;
  return dependencies.find((d) => isRecord(d) && /^git\+/.test(str(d.uri) ?? '')) ?? dependencies[0];
}

function httpUrl(value: string | undefined): string | undefined {
  return value && /^https?:\/\//.test(value) ? value : undefined;
}

function safePathname(url: string): string | undefined {
  try {
    return new URL(url).pathname.replace(/^\/+|\/+$/g, '');
  } catch {
    return undefined;
  }
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
