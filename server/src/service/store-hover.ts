import type { Subject } from '../graph/answers';
import type { StoreContext } from '../graph/query-context';
import { escapeInline } from '../core/markdown';

/** Names listed per line before "and N more": a hover is a glance, the view and the CLI list them all. */
export const MAX_SUBJECTS_SHOWN = 5;
export const MAX_VEX_SHOWN = 3;
/** Longest name shown; a document may name its subject with anything. */
const MAX_NAME = 80;

/**
 * The hover's "Across your store" section: where else the package is used (other projects' latest
 * snapshots, SBOMs, attested artifacts) and what VEX says about its findings there. Every name comes
 * from a document or a repository, so all of it is escaped and cut to length; undefined when the
 * store knows nothing more than this project.
 */
export function storeHoverSection(context: StoreContext, version: string): string | undefined {
  const lines: string[] = [];
  const groups: Array<[Subject['kind'], string, string]> = [
    ['project', 'other project', 'other projects'],
    ['sbom', 'SBOM', 'SBOMs'],
    ['artifact', 'attested artifact', 'attested artifacts'],
  ];
  for (const [kind, one, many] of groups) {
    const subjects = new Map<string, { label: string; versions: Set<string> }>();
    for (const use of context.usedBy.filter((u) => u.subject.kind === kind)) {
      const key = `${use.subject.name}\n${use.subject.commit ?? ''}\n${use.subject.digest ?? ''}`;
      const entry = subjects.get(key) ?? { label: subjectLabel(use.subject), versions: new Set<string>() };
      if (use.version && use.version !== version) entry.versions.add(use.version);
      subjects.set(key, entry);
    }
    if (subjects.size === 0) continue;
    const names = [...subjects.values()].map((s) => (s.versions.size ? `${s.label} (${[...s.versions].map((v) => clip(v)).join(', ')})` : s.label));
    lines.push(`${kind === 'project' ? 'also in' : 'in'} ${subjects.size} ${subjects.size === 1 ? one : many}: ${capped(names, MAX_SUBJECTS_SHOWN).map(escapeInline).join(', ')}`);
  }
  const vex = context.vex.map((v) => `VEX: ${v.vex.status} in ${subjectLabel(v.subject)}${v.vex.justification ? ` (${clip(v.vex.justification)})` : ''} · ${clip(v.vulnerability)}`);
  lines.push(...capped(vex.map(escapeInline), MAX_VEX_SHOWN, 'VEX statements'));
  if (lines.length === 0) return undefined;
  return `---\n\n**Across your store**\n\n${lines.join('  \n')}`;
}

/** What to show when the store could not answer in time or at all: the hover stays, with a note. */
export function storeHoverUnavailable(reason: string): string {
  return `---\n\n*Across your store: not available (${escapeInline(clip(reason, 200))}).*`;
}

function subjectLabel(subject: Subject): string {
  const name = clip(subject.name);
  if (subject.kind === 'project') return subject.commit ? `${name} @ ${subject.commit.slice(0, 7)}` : name;
  return subject.version ? `${name} ${clip(subject.version)}` : name;
}

function clip(text: string, max = MAX_NAME): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function capped(items: string[], max: number, what?: string): string[] {
  if (items.length <= max) return items;
  return [...items.slice(0, max), `and ${items.length - max} more${what ? ` ${what}` : ''}`];
}
