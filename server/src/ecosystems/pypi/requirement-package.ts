import type { ExtractedPackage } from '../../core/package';
import type { Range } from '../../core/text-range';
import { normalizePypiName } from './names';
import type { Pep508Requirement } from './pep508';
import { exactPypiVersion } from './requirement-semantics';
import { linkInfo } from './url-requirements';

/**
 * The package a PEP 508 requirement declares, whether a requirements.txt line or a string in a TOML
 * manifest: a version only when the specifier pins one exactly, a URL requirement's source, link and
 * commit, and the ranges diagnostics and fixes use. `place` turns offsets into the requirement's text
 * into a range of the file, which is where the two callers differ (a TOML string's escapes shift them).
 */
export function requirementPackage(req: Pep508Requirement, id: string, groups: string[], place: (start: number, end: number) => Range): ExtractedPackage {
  const name = normalizePypiName(req.name);
  const link = req.url ? linkInfo(req.url) : undefined;
  const pkg: ExtractedPackage = {
    id,
    ecosystem: 'PyPI',
    name,
    version: link ? (link.version ?? '') : (exactPypiVersion(req.specifier) ?? ''),
    requirement: req.url ?? req.specifier,
    direct: true,
    groups,
    source: link?.source ?? 'registry',
    // Without a specifier the name is the requirement's place: that is where `>=fixed` goes.
    versionRange: req.url ? place(req.urlStart!, req.urlEnd!) : req.specifier ? place(req.specifierStart, req.specifierEnd) : place(req.nameStart, req.nameEnd),
    nameRange: place(req.nameStart, req.nameEnd),
  };
  if (req.url) pkg.resolved = req.url;
  if (link?.commit) pkg.commit = link.commit;
  return pkg;
}
