import * as assert from 'node:assert/strict';
import { rangeContains } from '../../../server/src/core/text-range';
import { readDocument } from '../../../server/src/documents';
import { applyVex } from '../../../server/src/vex/apply';
import { lintProblems } from '../../../server/src/vex/statement-problems';
import { projectIdentity } from '../../../server/src/vex/subjects';
import { triage, type TriageDecision, type TriageTarget } from '../../../server/src/vex/triage';
import { ecosystemByName } from '../../../server/src/ecosystems';
import { scanGoof, type GoofScan } from '../../support/goof-scan';
import { readVexStatements } from '../../support/vex-statements';

const FILE = '/goof/.chainsight/vex.openvex.json';
const GOOF = projectIdentity(ecosystemByName('npm')!, { name: 'goof', version: '1.0.1', folder: 'nodejs-goof' });

/** Triage decisions as the quick fixes write them, one after the other, each at its own time. */
const DECISIONS: Array<{ target: TriageTarget; decision: TriageDecision; at: string }> = [
  {
    target: { vulnerability: { id: 'GHSA-jf85-cpcp-j695', aliases: ['CVE-2019-10744'] }, project: GOOF, package: 'pkg:npm/lodash@4.17.4' },
    decision: { status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path', impactStatement: 'defaultsDeep is never called' },
    at: '2025-09-01T10:00:00Z',
  },
  {
    target: { vulnerability: { id: 'GHSA-9wcg-jrwf-8gg7', aliases: ['CVE-2020-7699'] }, project: GOOF, package: 'pkg:npm/express-fileupload@0.0.5' },
    decision: { status: 'accept_risk', until: '2025-12-31', reason: 'upload route disabled in production' },
    at: '2025-09-01T11:00:00Z',
  },
  {
    target: { vulnerability: { id: 'GHSA-776f-qx25-q3cc', aliases: ['CVE-2023-0842'] }, project: GOOF, package: 'pkg:npm/xml2js@0.4.23', via: 'pkg:npm/snyk@1.278.1' },
    decision: { status: 'under_investigation' },
    at: '2025-09-01T12:00:00Z',
  },
  {
    target: { vulnerability: { id: 'GHSA-p6mc-m468-83gw', aliases: [] }, project: GOOF, package: 'pkg:npm/left-pad@1.3.0' },
    decision: { status: 'not_affected', justification: 'component_not_present', impactStatement: 'removed in the last release' },
    at: '2025-09-01T13:00:00Z',
  },
];

function writeAll(): string {
  let text: string | undefined;
  for (const { target, decision, at } of DECISIONS) {
    const result = triage(text, target, decision, { author: 'Jane Doe <jane@example.com>', now: () => Date.parse(at) });
    if (!result.ok) throw new Error(result.error.message);
    text = result.text;
  }
  return text!;
}

describe('triage round trip: written, read back by the OpenVEX reader, matched on the goof scan', () => {
  let goof: GoofScan;
  let text: string;
  before(async () => {
    goof = await scanGoof();
    text = writeAll();
  });

  const results = (now: string) => applyVex(goof.analysis, readVexStatements(FILE, text), () => Date.parse(now));

  it('each finding gets the decision its quick fix wrote', () => {
    const vex = results('2025-09-05T00:00:00Z');
    const lodash = goof.finding('lodash', '4.17.4').finding;
    const decision = vex.get(lodash, goof.vulnerability(lodash, 'GHSA-jf85-cpcp-j695')).decision!;
    assert.deepEqual(
      { status: decision.status, justification: decision.justification, statement: decision.statement, author: decision.author, timestamp: decision.timestamp, suppressed: decision.suppressed, file: decision.source.file },
      { status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path', statement: 'defaultsDeep is never called', author: 'Jane Doe <jane@example.com>', timestamp: '2025-09-01T10:00:00Z', suppressed: true, file: FILE },
    );
    // The same advisory on another lodash version was not triaged.
    const other = goof.finding('lodash', '4.17.10').finding;
    assert.equal(vex.status(other, goof.vulnerability(other, 'GHSA-jf85-cpcp-j695')), 'affected');
    assert.equal(vex.get(other, goof.vulnerability(other, 'GHSA-jf85-cpcp-j695')).decision, undefined);

    const upload = goof.finding('express-fileupload', '0.0.5').finding;
    const accepted = vex.get(upload, upload.vulnerabilities[0]!).decision!;
    assert.deepEqual({ status: accepted.status, suppressed: accepted.suppressed, acceptedUntil: accepted.acceptedUntil, expired: accepted.expired }, { status: 'affected', suppressed: true, acceptedUntil: '2025-12-31', expired: undefined });

    const xml2js = goof.finding('xml2js', '0.4.23').finding;
    const narrowed = vex.get(xml2js, xml2js.vulnerabilities[0]!);
    assert.equal(narrowed.decision, undefined, 'typeorm still pulls it in, untriaged');
    assert.deepEqual(
      narrowed.byPath?.map((p) => [p.path.purls[0], p.decision?.status]),
      [
        ['pkg:npm/typeorm@0.2.24', undefined],
        ['pkg:npm/snyk@1.278.1', 'under_investigation'],
      ],
    );
  });

  it("the OpenVEX reader reads Chainsight's fields without calling them unknown", () => {
    const read = readDocument('vex.openvex.json', text);
    assert.ok(read.ok && read.document.kind === 'vex');
    assert.deepEqual(read.warnings.filter((w) => w.message.includes('chainsight:')), []);
    assert.deepEqual(
      read.document.statements.map((s) => [s.vulnerability.id, s.author, s.expires]),
      [
        ['GHSA-776f-qx25-q3cc', 'Jane Doe <jane@example.com>', undefined],
        ['GHSA-9wcg-jrwf-8gg7', 'Jane Doe <jane@example.com>', '2025-12-31'],
        ['GHSA-jf85-cpcp-j695', 'Jane Doe <jane@example.com>', undefined],
        ['GHSA-p6mc-m468-83gw', 'Jane Doe <jane@example.com>', undefined],
      ],
    );
  });

  it('counts every (package, vulnerability) once, suppressed ones separately', () => {
    const vex = results('2025-09-05T00:00:00Z');
    const total = goof.analysis.findings.reduce((n, f) => n + f.vulnerabilities.length, 0);
    assert.deepEqual(vex.counts, { affected: total - 1, not_affected: 1, fixed: 0, under_investigation: 0, suppressed: 2 });
  });

  it('an acceptance past its date brings the finding back and points at its statement', () => {
    const vex = results('2026-01-01T00:00:00Z');
    const upload = goof.finding('express-fileupload', '0.0.5').finding;
    const decision = vex.get(upload, upload.vulnerabilities[0]!).decision!;
    assert.deepEqual({ status: decision.status, suppressed: decision.suppressed, expired: decision.expired }, { status: 'affected', suppressed: false, expired: true });
    assert.equal(vex.counts.suppressed, 1);
    const expired = vex.problems.filter((p) => p.kind === 'expired');
    assert.equal(expired.length, 1);
    assert.equal(expired[0]!.file, FILE);
    assert.equal(expired[0]!.level, 'warning');
    assert.match(expired[0]!.message, /^accepted risk for GHSA-9wcg-jrwf-8gg7 expired on 2025-12-31/);
    assert.ok(rangeContains(expired[0]!.range!, positionOf(text, '"pkg:npm/express-fileupload@0.0.5"')));
  });

  it('lint reports the statement no package matches, at its place in the file', () => {
    const vex = results('2025-09-05T00:00:00Z');
    assert.deepEqual(
      vex.unused.map((s) => s.statement.products[0]!.subcomponents[0]!.purl),
      ['pkg:npm/left-pad@1.3.0'],
    );
    const [problem] = lintProblems(vex.unused);
    assert.equal(problem!.level, 'hint');
    assert.ok(rangeContains(problem!.range!, positionOf(text, '"pkg:npm/left-pad@1.3.0"')));
    assert.ok(!rangeContains(problem!.range!, positionOf(text, '"pkg:npm/lodash@4.17.4"')));
  });

  it('a statement older than its advisory\'s last change is flagged for review', () => {
    const old = triage(undefined, DECISIONS[1]!.target, { status: 'accept_risk', until: '2022-12-31', reason: 'route disabled' }, { author: 'Jane Doe <jane@example.com>', now: () => Date.parse('2022-01-15T00:00:00Z') });
    assert.ok(old.ok);
    const vex = applyVex(goof.analysis, readVexStatements(FILE, old.text), () => Date.parse('2022-06-01T00:00:00Z'));
    const review = vex.problems.filter((p) => p.kind === 'review');
    assert.equal(review.length, 1);
    assert.match(review[0]!.message, /modified on 2022-05-04, after this statement was made \(2022-01-15\)/);
  });
});

function positionOf(text: string, needle: string): { line: number; character: number } {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  return { line, character: lines[line]!.indexOf(needle) };
}
