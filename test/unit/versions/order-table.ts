import { strict as assert } from 'node:assert';
import type { VersionScheme } from '../../../server/src/versions/scheme';
import { lineFailure } from './version-fixtures';

/** `a op b` must hold in both directions. */
export interface OrderRow {
  name: string;
  a: string;
  op: '<' | '>' | '=';
  b: string;
}

/** Whether the scheme accepts the text as a version at all. */
export interface ParseRow {
  name: string;
  text: string;
  valid: boolean;
}

export function orderTable<V>(scheme: VersionScheme<V>, rows: readonly OrderRow[]): void {
  for (const row of rows) {
    it(`${row.name}: ${row.a} ${row.op} ${row.b}`, () => {
      assert.equal(lineFailure(scheme, { file: 'table', line: 0, ...row }), undefined);
    });
  }
}

export function parseTable<V>(scheme: VersionScheme<V>, rows: readonly ParseRow[]): void {
  for (const row of rows) {
    it(`${row.name}: ${JSON.stringify(row.text)} is ${row.valid ? 'a version' : 'rejected'}`, () => {
      assert.equal(scheme.parse(row.text) !== undefined, row.valid);
    });
  }
}
