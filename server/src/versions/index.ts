import { goScheme } from './go';
import { mavenScheme } from './maven';
import { npmScheme } from './npm';
import { nugetScheme } from './nuget';
import { packagistScheme } from './packagist';
import { pep440Scheme } from './pep440';
import { pubScheme } from './pub';
import { rubygemsScheme } from './rubygems';
import type { VersionScheme } from './scheme';
import { semverScheme } from './semver';

export { goScheme, mavenScheme, npmScheme, nugetScheme, packagistScheme, pep440Scheme, pubScheme, rubygemsScheme, semverScheme };
export type { VersionScheme } from './scheme';
export { compareText } from './scheme';

/** Every version ordering rule, once. Ecosystems pick theirs from here by import. */
export const SCHEMES: readonly VersionScheme[] = [
  npmScheme,
  semverScheme,
  goScheme,
  pep440Scheme,
  mavenScheme,
  rubygemsScheme,
  packagistScheme,
  nugetScheme,
  pubScheme,
];
