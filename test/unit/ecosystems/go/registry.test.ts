import { strict as assert } from 'node:assert';
import { FORMATS as CARGO_FILES, cargoEcosystem } from '../../../../server/src/ecosystems/cargo';
import { FORMATS as GO_FILES, goEcosystem } from '../../../../server/src/ecosystems/go';
import { FORMATS as HEX_FILES, hexEcosystem } from '../../../../server/src/ecosystems/hex';
import { FORMATS as PUB_FILES, pubEcosystem } from '../../../../server/src/ecosystems/pub';
import type { DependencyFileKind } from '../../../../server/src/ecosystems/files';
import type { Ecosystem } from '../../../../server/src/ecosystems/types';

// The Go, crates.io, Pub and Hex ecosystem objects and their dependency-file lists, checked
// together: every listed parser exists, every parser is listed, and lockfile pairings point at
// lockfile parsers of the same ecosystem.
const ROWS: Array<{ eco: Ecosystem; files: readonly DependencyFileKind[]; purl: Array<[string, string, string]>; commands: Record<string, string[] | undefined> }> = [
  {
    eco: goEcosystem,
    files: GO_FILES,
    purl: [['github.com/gin-gonic/gin', '1.9.0', 'pkg:golang/github.com/gin-gonic/gin@v1.9.0']],
    commands: { 'go/go-mod': ['go', 'mod', 'tidy'], 'go/go-sum': ['go', 'mod', 'tidy'], 'go/go-work': ['go', 'work', 'sync'], 'npm/package-lock': undefined },
  },
  {
    eco: cargoEcosystem,
    files: CARGO_FILES,
    purl: [['serde', '1.0.0', 'pkg:cargo/serde@1.0.0'], ['wasi', '0.10.2+wasi-snapshot-preview1', 'pkg:cargo/wasi@0.10.2%2Bwasi-snapshot-preview1']],
    commands: { 'cargo/cargo-lock': ['cargo', 'update', '--workspace'], 'cargo/cargo-toml': undefined },
  },
  {
    eco: pubEcosystem,
    files: PUB_FILES,
    purl: [['http', '1.0.0', 'pkg:pub/http@1.0.0']],
    commands: { 'pub/pubspec-lock': ['dart', 'pub', 'get'] },
  },
  {
    eco: hexEcosystem,
    files: HEX_FILES,
    purl: [['plug', '1.0.0', 'pkg:hex/plug@1.0.0']],
    commands: { 'hex/mix-lock': ['mix', 'deps.get'] },
  },
];

describe('Go, crates.io, Pub and Hex ecosystems', () => {
  for (const { eco, files, purl, commands } of ROWS) {
    describe(eco.name, () => {
      it('lists exactly the parsers it has, all for this ecosystem', () => {
        assert.deepEqual(files.map((f) => f.parser).sort(), Object.keys(eco.parsers).sort());
        for (const f of files) assert.equal(f.ecosystem, eco.name);
      });

      it('manifests pair with lockfile parsers of this ecosystem; lockfiles have a priority', () => {
        for (const f of files) {
          if (f.kind === 'manifest') for (const l of f.lockfiles ?? []) assert.ok(files.some((g) => g.parser === l && g.kind === 'lockfile'), `${f.parser} → ${l}`);
          else assert.equal(typeof f.priority, 'number');
        }
      });

      for (const [name, version, want] of purl) it(`purl ${want}`, () => assert.equal(eco.purl(name, version), want));

      for (const [parser, argv] of Object.entries(commands)) {
        it(`lockfile command for ${parser}: ${argv?.join(' ') ?? 'none'}`, () => {
          const command = eco.lockfileCommand?.(parser);
          assert.deepEqual(command ? [command.command, ...command.args] : undefined, argv);
        });
      }

      it('scheme and purl type are set', () => {
        assert.ok(eco.scheme.id.length > 0);
        assert.ok(/^[a-z]+$/.test(eco.purlType));
      });
    });
  }
});
