import fc from 'fast-check';

/**
 * Loaded by .mocharc.json before every suite.
 *
 * Property tests run from one fixed seed so CI is reproducible: a failure there is the same failure
 * on every machine. `FUZZ_SEED=random npm test` explores fresh inputs; `FUZZ_SEED=<n>` replays one.
 * A property that passes its own `seed` keeps it.
 */
const seed = process.env.FUZZ_SEED;
if (seed !== 'random') fc.configureGlobal({ seed: seed === undefined ? 20261122 : Number(seed) });

/**
 * The whole suite shares one process, so a test that adds an enumerable property to
 * Object.prototype or Array.prototype (a prototype-pollution bug, in the product or in a test
 * helper) breaks unrelated tests later, such as the JSON-schema validators, which walk objects with
 * `for…in`. Fail the test that did it, and clean up so the rest of the run is unaffected.
 */
export const mochaHooks = {
  afterEach(this: Mocha.Context): void {
    const added = [...inheritedKeys({}, Object.prototype), ...inheritedKeys([], Array.prototype)];
    if (added.length === 0) return;
    throw new Error(`prototype polluted during "${this.currentTest?.fullTitle()}": ${added.join(', ')}`);
  },
};

function inheritedKeys(probe: object, proto: object): string[] {
  const keys: string[] = [];
  for (const key in probe) {
    keys.push(`${proto === Object.prototype ? 'Object' : 'Array'}.prototype.${key}`);
    delete (proto as Record<string, unknown>)[key];
  }
  return keys;
}
