import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { triage, type TriageDecision, type TriageTarget } from '../../../server/src/vex/triage';
import type { ProjectIdentity } from '../../../server/src/vex/types';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures');
const read = (...parts: string[]) => readFileSync(path.join(FIXTURES, ...parts), 'utf8');
const at = (iso: string) => ({ author: 'Jane Doe <jane@example.com>', now: () => Date.parse(iso) });
const GOOF: ProjectIdentity = { name: 'goof', purls: ['pkg:npm/goof', 'pkg:npm/goof@1.0.1'] };

const LODASH: TriageTarget = { vulnerability: { id: 'GHSA-jf85-cpcp-j695', aliases: ['CVE-2019-10744'] }, project: GOOF, package: 'pkg:npm/lodash@4.17.4' };
const UPLOAD: TriageTarget = { vulnerability: { id: 'GHSA-9wcg-jrwf-8gg7', aliases: ['CVE-2020-7699'] }, project: GOOF, package: 'pkg:npm/express-fileupload@0.0.5' };
const XML2JS_VIA_SNYK: TriageTarget = { vulnerability: { id: 'GHSA-776f-qx25-q3cc', aliases: ['CVE-2023-0842'] }, project: GOOF, package: 'pkg:npm/xml2js@0.4.23', via: 'pkg:npm/snyk@1.278.1' };

function ok(result: ReturnType<typeof triage>): string {
  if (!result.ok) throw new Error(result.error.message);
  return result.text;
}

describe('triage written as OpenVEX', () => {
  it('three decisions build the file a reviewer reads: sorted, spec field order, version and dates', () => {
    let text = ok(triage(undefined, LODASH, { status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path', impactStatement: 'Only _.template on constant strings' }, at('2025-09-01T12:00:00Z')));
    text = ok(triage(text, UPLOAD, { status: 'accept_risk', until: '2025-12-31', reason: 'upload route disabled in production' }, at('2025-09-02T08:30:00Z')));
    text = ok(triage(text, XML2JS_VIA_SNYK, { status: 'under_investigation' }, at('2025-09-03T10:00:00Z')));
    assert.equal(text, read('vex', 'written', 'three-decisions.openvex.json'));
  });

  it('writing the same decision again replaces the statement (matched by alias) and bumps the version', () => {
    const before = read('vex', 'written', 'three-decisions.openvex.json');
    const result = triage(before, { ...LODASH, vulnerability: { id: 'CVE-2019-10744', aliases: [] } }, { status: 'under_investigation', note: 'checking _.merge callers' }, at('2025-09-04T09:00:00Z'));
    assert.ok(result.ok);
    assert.equal(result.replaced, true);
    const doc = JSON.parse(result.text);
    assert.equal(doc.version, 4);
    assert.equal(doc.last_updated, '2025-09-04T09:00:00Z');
    assert.equal(doc.statements.length, 3);
    const lodash = doc.statements.find((s: any) => s.products[0].subcomponents[0]['@id'] === 'pkg:npm/lodash@4.17.4');
    assert.deepEqual(lodash, {
      vulnerability: { name: 'CVE-2019-10744' },
      timestamp: '2025-09-04T09:00:00Z',
      products: [{ '@id': 'pkg:npm/goof', subcomponents: [{ '@id': 'pkg:npm/lodash@4.17.4' }] }],
      status: 'under_investigation',
      status_notes: 'checking _.merge callers',
      'chainsight:author': 'Jane Doe <jane@example.com>',
    });
  });

  it('the same vulnerability on another path is another statement', () => {
    const result = triage(read('vex', 'written', 'three-decisions.openvex.json'), { ...XML2JS_VIA_SNYK, via: 'pkg:npm/typeorm@0.2.24' }, { status: 'under_investigation' }, at('2025-09-04T09:00:00Z'));
    assert.ok(result.ok);
    assert.equal(result.replaced, false);
    assert.equal(JSON.parse(result.text).statements.length, 4);
  });

  it('`anyVersion` leaves the version out of the package, qualifiers kept', () => {
    const result = triage(undefined, { ...LODASH, package: 'pkg:npm/lodash@4.17.4', anyVersion: true }, { status: 'under_investigation' }, at('2025-09-01T12:00:00Z'));
    assert.ok(result.ok);
    assert.deepEqual(result.statement.products, [{ '@id': 'pkg:npm/goof', subcomponents: [{ '@id': 'pkg:npm/lodash' }] }]);
  });

  it("a real document someone else wrote keeps every statement and field; only version and last_updated change", () => {
    const original = JSON.parse(read('documents', 'openvex', 'trivy.openvex.json'));
    const target: TriageTarget = { vulnerability: { id: 'GO-2024-2687', aliases: ['CVE-2023-45288'] }, project: { name: 'trivy', purls: ['pkg:golang/github.com/aquasecurity/trivy'] }, package: 'pkg:golang/golang.org/x/net@v0.21.0' };
    const result = triage(read('documents', 'openvex', 'trivy.openvex.json'), target, { status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path', impactStatement: 'HTTP/2 server not used' }, at('2025-09-01T12:00:00Z'));
    assert.ok(result.ok);
    const written = JSON.parse(result.text);
    const { statements: before, ...documentBefore } = original;
    const { statements: after, ...documentAfter } = written;
    assert.deepEqual(documentAfter, { ...documentBefore, version: 2, last_updated: '2025-09-01T12:00:00Z' });
    assert.equal(after.length, before.length + 1);
    for (const statement of before) assert.ok(after.some((s: unknown) => JSON.stringify(s) === JSON.stringify(statement)), `kept ${statement.vulnerability.name}`);
    assert.ok(result.text.endsWith('}\n'));
  });

  it('statements in the pre-0.2 shape are kept as they are', () => {
    const result = triage(read('documents', 'openvex', 'vexctl-v001-1.openvex.json'), { ...LODASH, project: { name: 'bash', purls: ['pkg:apk/wolfi/bash'] } }, { status: 'under_investigation' }, at('2025-09-01T12:00:00Z'));
    assert.ok(result.ok);
    const doc = JSON.parse(result.text);
    assert.deepEqual(doc.statements[0], JSON.parse(read('documents', 'openvex', 'vexctl-v001-1.openvex.json')).statements[0]);
    assert.equal(doc.format, 'text/vex+json');
  });

  const REFUSED: Array<{ name: string; existing?: string; decision: TriageDecision; error: RegExp }> = [
    { name: 'not JSON: the place of the error, nothing written', existing: '{\n  "@context": "https://openvex.dev/ns/v0.2.0",\n  "statements": [,]\n}\n', decision: { status: 'under_investigation' }, error: /^could not parse the VEX file at 3:18: / },
    { name: 'JSON that is not OpenVEX (a CycloneDX VEX)', existing: read('documents', 'cyclonedx-vex', 'dependency-track-vex-issue2549.cdx-1.4.json'), decision: { status: 'under_investigation' }, error: /not an OpenVEX document/ },
    { name: 'an unknown justification', decision: { status: 'not_affected', justification: 'code_not_reachable' as never, impactStatement: 'x' }, error: /not an OpenVEX justification/ },
    { name: 'no impact statement', decision: { status: 'not_affected', justification: 'component_not_present', impactStatement: '  ' }, error: /impact statement/ },
    { name: 'an acceptance without a date', decision: { status: 'accept_risk', until: '31/12/2025', reason: 'x' }, error: /not a date/ },
    { name: 'an impossible date', decision: { status: 'accept_risk', until: '2025-02-30', reason: 'x' }, error: /not a date/ },
    { name: 'an acceptance ending in the past', decision: { status: 'accept_risk', until: '2025-08-31', reason: 'x' }, error: /already past/ },
    { name: 'an acceptance without a reason', decision: { status: 'accept_risk', until: '2025-12-31', reason: '' }, error: /reason/ },
  ];
  for (const row of REFUSED) {
    it(`refuses ${row.name}`, () => {
      const result = triage(row.existing, LODASH, row.decision, at('2025-09-01T12:00:00Z'));
      assert.equal(result.ok, false);
      if (!result.ok) assert.match(result.error.message, row.error);
    });
  }

  it('an acceptance until today is still allowed (it holds through the end of the day)', () => {
    assert.ok(triage(undefined, UPLOAD, { status: 'accept_risk', until: '2025-09-01', reason: 'hotfix ships tonight' }, at('2025-09-01T23:00:00Z')).ok);
  });
});
