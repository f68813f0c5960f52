import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits } from '../../../../server/src/core/edits';
import { parseCargoToml } from '../../../../server/src/ecosystems/cargo/cargo-toml';
import { cargoFixes, upgradedCargoRequirement } from '../../../../server/src/ecosystems/cargo/fixes';
import { cargoRequirements } from '../../../../server/src/ecosystems/cargo/requirements';
import type { VersionInterval } from '../../../../server/src/ecosystems/types';

const ROOT = join(__dirname, '../../../fixtures/ecosystems/cargo/scenarios');

describe('Cargo requirement semantics', () => {
  const exact: Array<[string, string | undefined]> = [
    ['=1.2.3', '1.2.3'],
    ['= 1.2.3-beta.1', '1.2.3-beta.1'],
    ['0.0.7', '0.0.7'],
    ['^0.0.7', '0.0.7'],
    ['1.2.3', undefined],
    ['=1.2', undefined],
    ['~0.0.7', undefined],
    ['*', undefined],
    ['not a version', undefined],
  ];
  for (const [req, want] of exact) it(`exact(${req}) = ${want}`, () => assert.equal(cargoRequirements.exact(req), want));

  const fixedIn = (introduced: string, fixed: string): VersionInterval => ({ introduced, fixed });
  const admits: Array<[string, VersionInterval, boolean | undefined]> = [
    ['1.2', fixedIn('0', '1.2.5'), true],
    ['1.2.5', fixedIn('0', '1.2.5'), false],
    ['^1.2.3', fixedIn('2.0.0', '2.1.0'), false],
    ['^0.4', fixedIn('0.4.9', '0.4.10'), true],
    ['^0.4', fixedIn('0.5.0', '0.5.1'), false],
    ['0.0.7', fixedIn('0.0.8', '0.0.9'), false],
    ['~2.1.0', fixedIn('2.1.3', '2.2.0'), true],
    ['~2.1.0', fixedIn('2.2.0', '2.3.0'), false],
    ['=0.9.3', fixedIn('0', '0.9.4'), true],
    ['>= 1.2, < 1.5', fixedIn('1.5.0', '1.6.0'), false],
    ['>= 1.2, < 1.5', fixedIn('1.4.0', '1.6.0'), true],
    ['>1.2', fixedIn('1.2.0', '1.2.9'), false],
    ['<=1.2', fixedIn('1.2.5', '1.2.9'), true],
    ['1.*', fixedIn('1.9.0', '2.0.0'), true],
    ['*', fixedIn('5.0.0', '5.0.1'), true],
    ['1.2', { introduced: '1.0.0', lastAffected: '1.2.0' }, true],
    ['^1.2.1', { introduced: '1.0.0', lastAffected: '1.2.0' }, false],
    ['bogus', fixedIn('0', '1.0.0'), undefined],
  ];
  for (const [req, interval, want] of admits) {
    it(`admits(${req}, ${JSON.stringify(interval)}) = ${want}`, () => assert.equal(cargoRequirements.admits(req, interval), want));
  }
});

describe('Cargo.toml fixes', () => {
  const styles: Array<[string, string, string]> = [
    ['1.2', '1.2.5', '1.2.5'],
    ['^1.2', '1.2.5', '^1.2.5'],
    ['~2.1.0', '2.1.4', '~2.1.4'],
    ['=0.9.3', '0.9.4', '=0.9.4'],
    ['>= 1.2, < 1.5', '1.4.1', '>= 1.4.1, < 1.5'],
    ['>= 1.2, < 1.5', '1.6.0', '1.6.0'],
    ['>1.2', '1.2.5', '>=1.2.5'],
    ['*', '1.0.1', '1.0.1'],
    ['1.*', '1.9.1', '1.9.1'],
  ];
  for (const [from, version, to] of styles) it(`${from} → ${to} for ${version}`, () => assert.equal(upgradedCargoRequirement(from, version), to));

  const text = readFileSync(join(ROOT, 'all-forms.toml'), 'utf8');
  const manifest = { path: join(ROOT, 'all-forms.toml'), text, result: parseCargoToml(join(ROOT, 'all-forms.toml'), text) };
  const edits: Array<[string, string, string, string]> = [
    ['dependencies:plain', '1.2.9', 'plain = "1.2"', 'plain = "1.2.9"'],
    ['dependencies:tilde', '2.1.7', 'tilde = { version = "~2.1.0", features = ["x"] }', 'tilde = { version = "~2.1.7", features = ["x"] }'],
    ['dependencies:tabled', '5.1.2', '[dependencies.tabled]\nversion = "5.1"', '[dependencies.tabled]\nversion = "5.1.2"'],
    ['dev-dependencies:dotted', '0.8.4', 'dotted.version = "0.8"', 'dotted.version = "0.8.4"'],
    ['dependencies:renamed', '3.0.2', 'package = "real-crate", version = "3"', 'package = "real-crate", version = "3.0.2"'],
  ];
  for (const [id, version, from, to] of edits) {
    it(`upgrade ${id} writes valid TOML in the same style`, () => {
      const pkg = manifest.result.packages.find((p) => p.id === id)!;
      const out = applyEdits(text, cargoFixes.upgrade(manifest, pkg, version)!);
      assert.equal(out, text.replace(from, to));
      const again = parseCargoToml(manifest.path, out);
      assert.deepEqual(again.errors, []);
      assert.ok(cargoRequirements.admits(again.packages.find((p) => p.id === id)!.requirement!, { introduced: version, lastAffected: version }));
    });
  }

  it('git, path, other-registry and inherited entries are not rewritten', () => {
    for (const id of ['dependencies:from-git', 'dependencies:local', 'dependencies:private', 'dependencies:noversion']) {
      assert.equal(cargoFixes.upgrade(manifest, manifest.result.packages.find((p) => p.id === id)!, '9.9.9'), undefined, id);
    }
  });

  it('transitive crates: cargo update -p, as a command with no edits', () => {
    assert.deepEqual(cargoFixes.override!(manifest, 'memchr', '2.7.1', 'cargo/cargo-lock'), {
      title: 'Update memchr to 2.7.1 in Cargo.lock (cargo update -p memchr --precise 2.7.1)',
      edits: [],
      command: { command: 'cargo', args: ['update', '-p', 'memchr', '--precise', '2.7.1'] },
    });
  });
});
