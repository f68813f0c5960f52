import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseAttestationsDocument } from '../../../server/src/provenance/npm/attestations';
import { reducePackument } from '../../../server/src/provenance/npm/packument';
import { parseRegistryKeys } from '../../../server/src/provenance/npm/registry-keys';
import { parseStatement } from '../../../server/src/provenance/sigstore/in-toto';
import { readVerdict } from '../../../server/src/provenance/verdict-cache';
import { fixtureJson } from './context';

describe('provenance/npm packuments', () => {
  it('reduces a real packument to what the checks use, and the reduction to itself', () => {
    const reduced = reducePackument(fixtureJson('npm-packuments', 'has-package-exports.json'), 'has-package-exports');
    assert.ok(reduced.ok);
    assert.equal(Object.keys(reduced.packument.versions).length, 11);
    assert.equal(reduced.packument.modified, '2022-05-04T18:04:33.814Z');
    assert.equal(reduced.packument.time?.['1.0.0'], '2020-01-09T07:54:56.613Z');
    const v = reduced.packument.versions['1.3.0']!;
    assert.ok(v.integrity?.startsWith('sha512-'));
    assert.ok(Array.isArray(v.signatures));
    const again = reducePackument(JSON.parse(JSON.stringify(reduced.packument)), 'has-package-exports');
    assert.deepEqual(again, reduced, 'what the cache returns parses to the same thing');
  });

  it('keeps the advertised attestations and their provenance predicate', () => {
    const reduced = reducePackument(
      { name: 'sigstore', versions: { '1.0.0': { dist: { integrity: 'sha512-x', attestations: { url: 'https://r/-/npm/v1/attestations/sigstore@1.0.0', provenance: { predicateType: 'https://slsa.dev/provenance/v0.2' } } } } } },
      'sigstore',
    );
    assert.ok(reduced.ok);
    assert.deepEqual(reduced.packument.versions['1.0.0']!.attestations, { url: 'https://r/-/npm/v1/attestations/sigstore@1.0.0', provenancePredicateType: 'https://slsa.dev/provenance/v0.2' });
  });

  const bad: Array<[string, unknown, RegExp]> = [
    ['not an object', 'text', /not a JSON object/],
    ['another package', { name: 'other', versions: {} }, /answered for other, not x/],
    ['no versions', { name: 'x' }, /no versions/],
  ];
  for (const [name, doc, reason] of bad) {
    it(`refuses ${name}`, () => {
      const outcome = reducePackument(doc, 'x');
      assert.match(outcome.ok ? '' : outcome.reason, reason);
    });
  }

  it('registry documents of any shape never throw', () => {
    fc.assert(
      fc.property(fc.anything(), fc.string(), (doc, name) => {
        reducePackument(doc, name);
        reducePackument({ name, versions: doc, time: doc }, name);
        parseAttestationsDocument(doc);
        parseAttestationsDocument({ attestations: [doc, { predicateType: name, bundle: doc }] });
        parseRegistryKeys(doc, 'registry');
        parseRegistryKeys({ keys: [doc, { keyId: name, publicKey: doc, keyUsage: 'npm:signatures' }] }, 'tuf');
        parseStatement(Buffer.from(typeof doc === 'string' ? doc : JSON.stringify(doc) ?? ''));
        const verdict = readVerdict(doc);
        if (verdict) assert.ok(['verified', 'invalid', 'unavailable'].includes(verdict.status));
      }),
      { numRuns: 500 },
    );
  });
});
