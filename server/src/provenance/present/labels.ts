import type { SignatureCheck, SlsaProvenance } from '../types';

/**
 * Short, display-ready names for provenance facts, shared by hovers, diagnostics and reports.
 * Inputs are untrusted: callers still escape (Markdown) or sanitise (terminal) what these return.
 */

export function builderLabel(slsa: SlsaProvenance): string {
  const builder = slsa.builderId ?? '';
  const buildType = slsa.buildType ?? '';
  if (builder.startsWith('https://github.com/actions/runner') || buildType.startsWith('https://github.com/npm/cli/gha') || buildType.includes('github-actions-buildtypes')) {
    return 'GitHub Actions';
  }
  if (/\/-\/runners\//.test(builder) || /gitlab/i.test(buildType)) return 'GitLab CI';
  let host: string | undefined;
  try {
    host = new URL(builder).host || undefined;
  } catch {
    host = undefined;
  }
  return host ?? 'an unnamed builder';
}

/** `https://github.com/o/r` → `github.com/o/r`. */
export function repositoryLabel(url: string): string {
  return url.replace(/^git\+/, '').replace(/^[a-z]+:\/\//i, '').replace(/\.git$/, '').replace(/\/+$/, '');
}

export function shortCommit(commit: string): string {
  return /^[0-9a-f]{7,64}$/i.test(commit) ? commit.slice(0, 7) : commit.slice(0, 12);
}

/** `SHA256:jl3bwswu80…` → `SHA256:jl3b…`. */
export function shortKeyId(keyId: string): string {
  const match = /^([A-Za-z0-9]+:)(.*)$/.exec(keyId);
  const [prefix, rest] = match ? [match[1]!, match[2]!] : ['', keyId];
  return rest.length > 4 ? `${prefix}${rest.slice(0, 4)}…` : keyId;
}

/** The web page of a commit on GitHub or GitLab; undefined for other hosts or odd values. */
export function commitUrl(repository: string | undefined, commit: string | undefined): string | undefined {
  if (!repository || !commit || !/^[0-9a-f]{7,64}$/i.test(commit)) return undefined;
  const web = repositoryWebUrl(repository);
  if (!web) return undefined;
  const host = new URL(web).host;
  if (host === 'github.com') return `${web}/commit/${commit}`;
  if (host === 'gitlab.com' || host.startsWith('gitlab.')) return `${web}/-/commit/${commit}`;
  return undefined;
}

/** An https URL for a repository (`git+https://…`, `.git` removed), when it looks like one. */
export function repositoryWebUrl(repository: string): string | undefined {
  const cleaned = repository.trim().replace(/^git\+/, '').replace(/\.git$/, '').replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(cleaned);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.search || url.hash) return undefined;
  if (!/^\/[\w.-]+(\/[\w.-]+)+$/.test(url.pathname)) return undefined;
  return `https://${url.host}${url.pathname}`;
}

/** The host of a URL, or the text itself when it is not one (it is still shown, never dropped). */
export function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/** `5 min`, `3 h`, `4 days`: how old a cached verdict is. */
export function ageText(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`;
}

const CHECKSUM_CODES: ReadonlySet<SignatureCheck['code']> = new Set(['checksum-mismatch', 'log-fork', 'log-proof-invalid', 'not-in-checksum-database', 'not-in-go-sum', 'checksum-database-off']);

/** Whether a verdict comes from a checksum database (Go's go.sum lines, whose reasons name it), not a registry key. */
export function isChecksumVerdict(signature: Pick<SignatureCheck, 'code' | 'authority'>): boolean {
  return signature.authority !== undefined || CHECKSUM_CODES.has(signature.code);
}
