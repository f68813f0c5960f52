import type { Ecosystem } from '../types';
import { goScheme } from '../../versions/go';
import { GO_MOD_TIDY, goFixes } from './fixes';
import { parseGoMod } from './go-mod';
import { parseGoSum } from './go-sum';
import { parseGoWork } from './go-work';
import { goPurl } from './purl';
import { goRequirements } from './requirements';

/**
 * go.mod is its own lockfile (minimal version selection builds the versions it names), so it pairs
 * with no other file. go.sum is read on its own only where no go.mod sits next to it (its parser
 * checks); for go.mod files older than go 1.17 the go.mod parser merges it.
 */

export { FILES } from './files';

export const goEcosystem: Ecosystem = {
  name: 'Go',
  purlType: 'golang',
  scheme: goScheme,
  // Module paths are case-sensitive (the module proxy escapes capitals), and OSV spells them as written.
  normalizeName: (name) => name.trim(),
  parsers: {
    'go/go-mod': parseGoMod,
    'go/go-work': parseGoWork,
    'go/go-sum': parseGoSum,
  },
  requirements: goRequirements,
  fixes: goFixes,
  lockfileCommand(lockfileParser) {
    if (lockfileParser === 'go/go-mod' || lockfileParser === 'go/go-sum') return GO_MOD_TIDY;
    if (lockfileParser === 'go/go-work') return { command: 'go', args: ['work', 'sync'] };
    return undefined;
  },
  purl: goPurl,
};
