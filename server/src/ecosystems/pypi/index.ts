import type { Ecosystem, ParseFn, ParsersFor } from '../types';
import { lockfileCommandsOf } from '../lockfile-commands';
import { FORMATS } from './files';
import { pep440Scheme } from '../../versions/pep440';
import { pypiFixes } from './fix-writer';
import { normalizePypiName, pypiPurl } from './names';
import { parsePdmLock } from './pdm-lock';
import { parsePipfile } from './pipfile';
import { parsePipfileLock } from './pipfile-lock';
import { parsePoetryLock } from './poetry-lock';
import { parsePylockToml } from './pylock-toml';
import { parsePyprojectToml } from './pyproject-toml';
import { pypiRequirements } from './requirement-semantics';
import { parseRequirementsTxt } from './requirements-txt';
import { parseUvLock } from './uv-lock';

export { FORMATS } from './files';

/** Parsers by id; the ids are the `parser` values in FORMATS. */
export const PYPI_PARSERS: Readonly<Record<string, ParseFn>> = {
  'pypi/requirements-txt': parseRequirementsTxt,
  'pypi/pyproject-toml': parsePyprojectToml,
  'pypi/pipfile': parsePipfile,
  'pypi/poetry-lock': parsePoetryLock,
  'pypi/pipfile-lock': parsePipfileLock,
  'pypi/uv-lock': parseUvLock,
  'pypi/pdm-lock': parsePdmLock,
  'pypi/pylock-toml': parsePylockToml,
} satisfies ParsersFor<typeof FORMATS>;

export const pypiEcosystem: Ecosystem = {
  name: 'PyPI',
  purlType: 'pypi',
  scheme: pep440Scheme,
  normalizeName: normalizePypiName,
  parsers: PYPI_PARSERS,
  requirements: pypiRequirements,
  fixes: pypiFixes,
  oneVersionPerPackage: true,
  lockfileCommand: lockfileCommandsOf('PyPI'),
  purl: pypiPurl,
};
