import type { Ecosystem, ParsersFor } from '../types';
import { goScheme } from '../../versions/go';
import { lockfileCommandsOf } from '../lockfile-commands';
import { FORMATS } from './files';
import { goFixes } from './fixes';
import { parseGoMod } from './go-mod';
import { parseGoSum } from './go-sum';
import { parseGoWork } from './go-work';
import { goPurl } from './purl';
import { goRequirements } from './requirements';

export { FORMATS } from './files';

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
  } satisfies ParsersFor<typeof FORMATS>,
  requirements: goRequirements,
  fixes: goFixes,
  lockfileCommand: lockfileCommandsOf('Go'),
  purl: goPurl,
};
