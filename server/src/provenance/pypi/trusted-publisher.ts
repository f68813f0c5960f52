import type { SignerIdentity } from '../types';
import type { FulcioClaims } from '../sigstore/fulcio-claims';
import type { Publisher } from './pep740-bundle';

/**
 * Does the signing certificate belong to the Trusted Publisher the index names? The index says
 * which CI identity published the file; the certificate says who signed. Both must agree, or the
 * attestation proves nothing about how the file was published. Rules as PyPI's own verifier
 * (pypi-attestations) applies them:
 * - GitHub: issuer GitHub Actions, source repository `https://github.com/<repository>`, and the
 *   workflow that ran (Build Config URI, else the signer URI) is `.github/workflows/<workflow>`.
 *   Fulcio certificates carry no deployment environment, so `environment` is shown, not checked.
 * - GitLab: issuer gitlab.com, project `https://gitlab.com/<repository>`, and the CI file that ran
 *   is `<workflow_filepath>`.
 * - Google: the certificate is issued by accounts.google.com to the service account `email`.
 * - ActiveState: issuer ActiveState's platform, subject naming the organization and project.
 */

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
export const GITLAB_ISSUER = 'https://gitlab.com';
export const GOOGLE_ISSUER = 'https://accounts.google.com';
export const ACTIVESTATE_ISSUER = 'https://platform.activestate.com/api/v1/oauth/oidc';

export interface PublisherFacts {
  /** `https://github.com/o/r` */
  repository?: string;
  /** `.github/workflows/release.yml` */
  workflow?: string;
  environment?: string;
  /** Service account or other account name. */
  account?: string;
  /** e.g. `GitHub`, `GitLab`. */
  kind: string;
}

export type PublisherMatch = { ok: true; facts: PublisherFacts } | { ok: false; reason: string };

export function matchPublisher(publisher: Publisher, signer: SignerIdentity, claims: FulcioClaims): PublisherMatch {
  const c = publisher.claims;
  const identity = signer.identity ?? '';
  const issuer = signer.issuer ?? '';
  const fail = (what: string): PublisherMatch => ({ ok: false, reason: `the ${publisher.kind} Trusted Publisher is ${what}, but the certificate was issued to ${identity || 'nobody'} (${issuer || 'no issuer'})` });
  switch (publisher.kind.toLowerCase()) {
    case 'github': {
      const repository = c.repository;
      const workflow = c.workflow;
      if (!repository || !workflow) return { ok: false, reason: 'the GitHub Trusted Publisher names no repository or workflow' };
      const base = `https://github.com/${repository}`;
      const expected = `${repository}/.github/workflows/${workflow}`;
      const ran = claims.buildConfigUri ?? identity;
      const sameRepo = issuer === GITHUB_ISSUER && same(claims.sourceRepository ?? repositoryOf(identity, 'github.com'), base);
      if (!sameRepo || !startsWithCaseless(ran, `https://github.com/${expected}@`)) return fail(`${expected}`);
      return { ok: true, facts: { kind: 'GitHub', repository: base, workflow: `.github/workflows/${workflow}`, ...(c.environment ? { environment: c.environment } : {}) } };
    }
    case 'gitlab': {
      const repository = c.repository;
      const path = c.workflow_filepath;
      if (!repository || !path) return { ok: false, reason: 'the GitLab Trusted Publisher names no project or CI file' };
      const base = `https://gitlab.com/${repository}`;
      const ran = claims.buildConfigUri ?? identity;
      const sameRepo = issuer === GITLAB_ISSUER && same(claims.sourceRepository ?? repositoryOf(identity, 'gitlab.com'), base);
      if (!sameRepo || !startsWithCaseless(ran, `${base}//${path}@`)) return fail(`${repository}//${path}`);
      return { ok: true, facts: { kind: 'GitLab', repository: base, workflow: path, ...(c.environment ? { environment: c.environment } : {}) } };
    }
    case 'google': {
      const email = c.email;
      if (!email) return { ok: false, reason: 'the Google Trusted Publisher names no service account' };
      if (issuer !== GOOGLE_ISSUER || identity !== email) return fail(email);
      return { ok: true, facts: { kind: 'Google Cloud', account: email } };
    }
    case 'activestate': {
      const organization = c.organization;
      const project = c.project;
      if (!organization || !project) return { ok: false, reason: 'the ActiveState Trusted Publisher names no organization or project' };
      if (issuer !== ACTIVESTATE_ISSUER || !identity.includes(`org:${organization}:project:${project}`)) return fail(`${organization}/${project}`);
      return { ok: true, facts: { kind: 'ActiveState', account: `${organization}/${project}` } };
    }
    default:
      return { ok: false, reason: `the Trusted Publisher kind ${publisher.kind} is not one Chainsight knows how to check` };
  }
}

/** `https://github.com/o/r/.github/workflows/x.yml@ref` → `https://github.com/o/r`. */
function repositoryOf(identity: string, host: string): string | undefined {
  const match = new RegExp(`^https://${host.replace('.', '\\.')}/([^/]+(?:/[^/]+)+?)/(?:/|\\.github/workflows/)`).exec(identity);
  return match ? `https://${host}/${match[1]}` : undefined;
}

function same(a: string | undefined, b: string): boolean {
  return a !== undefined && a.toLowerCase().replace(/\/+$/, '') === b.toLowerCase();
}

/** GitHub and GitLab names are case-insensitive; the rest of the URL is compared as given. */
function startsWithCaseless(value: string, prefix: string): boolean {
  return value.toLowerCase().startsWith(prefix.toLowerCase());
}
