import assert from 'node:assert/strict';
import { sameReleaseVariant } from '../../../../server/src/ecosystems/maven/release-variant';

/** An upgrade keeps the variant word the project uses; release qualifiers are not variants. */
const TABLE: Array<{ installed: string; candidate: string; want: string | undefined }> = [
  { installed: '31.1-jre', candidate: '32.0.0-android', want: '32.0.0-jre' },
  { installed: '24.0-android', candidate: '32.0.0-jre', want: '32.0.0-android' },
  { installed: '2.0-jdk8', candidate: '2.1-jdk11', want: '2.1-jdk8' },
  { installed: '31.1-jre', candidate: '32.0.0-jre', want: undefined },
  { installed: '30.0-JRE', candidate: '32.0.0-jre', want: undefined },
  { installed: '20.0', candidate: '32.0.0-android', want: undefined },
  { installed: '31.1-jre', candidate: '32.0.0', want: undefined },
  { installed: '1.0-rc1', candidate: '1.1-android', want: undefined },
  { installed: '1.0-SNAPSHOT', candidate: '1.1-jre', want: undefined },
  { installed: '2.0-jre', candidate: '2.1-beta2', want: undefined },
  { installed: '2.0-jre', candidate: '2.1-M1', want: undefined },
  { installed: '2.0-jre', candidate: '2.1.Final', want: undefined },
];

describe('Maven release variants (guava -jre / -android)', () => {
  for (const row of TABLE) {
    it(`${row.installed} with fix ${row.candidate} → ${row.want ?? 'unchanged'}`, () => {
      assert.equal(sameReleaseVariant(row.installed, row.candidate), row.want);
    });
  }
});
