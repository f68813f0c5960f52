import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SaxesParser } from 'saxes';
import { parseGradleLockfile } from '../server/src/ecosystems/maven/gradle-lockfile';
import { parseLibsVersionsToml } from '../server/src/ecosystems/maven/libs-versions-toml';
import { parsePomXml } from '../server/src/ecosystems/maven/pom-xml';
import { parseTomlSyntax } from '../server/src/core/toml-syntax';
import { parseCsproj } from '../server/src/ecosystems/nuget/csproj';
import { parseDirectoryPackagesProps } from '../server/src/ecosystems/nuget/directory-packages-props';
import { parsePackagesConfig } from '../server/src/ecosystems/nuget/packages-config';
import { parsePackagesLockJson } from '../server/src/ecosystems/nuget/packages-lock-json';
import { parseComposerJson } from '../server/src/ecosystems/packagist/composer-json';
import { parseComposerLock } from '../server/src/ecosystems/packagist/composer-lock';
import { parseGemfile } from '../server/src/ecosystems/rubygems/gemfile';
import { parseGemfileLock } from '../server/src/ecosystems/rubygems/gemfile-lock';
import type { ParseFn } from '../server/src/ecosystems/types';
import { timeIt, type BenchReporter } from './report';

/**
 * Maven/Gradle, RubyGems, Packagist and NuGet parsers: for the largest fixture of each format,
 * the median time of our extract (packages, ranges, edges) next to reading the file and to the
 * format's raw parse of the same text (JSON.parse, a bare saxes pass, split-lines, the TOML
 * parser). The corpus fixtures are small, so each format is also measured on a generated file of
 * realistic shape and lockfile-sized length.
 */
const FIXTURES = resolve(__dirname, '../test/fixtures/ecosystems');

type RawParse = { name: string; run: (text: string) => unknown; target: string };
const rawJson: RawParse = { name: 'JSON.parse', run: (t) => JSON.parse(t), target: '≤ 2× JSON.parse on large files (small ones pay fixed costs)' };
const rawXml: RawParse = { name: 'saxes raw parse', run: saxesPass, target: '≤ 5× raw parse' };
const rawLines: RawParse = { name: 'split lines', run: (t) => t.split('\n'), target: 'linear; ≤ 10 ms per 1,000 packages' };
const rawToml: RawParse = { name: 'toml-eslint-parser', run: (t) => parseTomlSyntax(t), target: '≤ 2× raw parse' };

interface Format {
  name: string;
  parse: ParseFn;
  raw: RawParse;
  /** Fixture folders (under test/fixtures/ecosystems) whose largest file of this format is measured. */
  folders: string[];
  /** Which files in those folders are of this format. */
  match: RegExp;
  generate: () => string;
}

const FORMATS: Format[] = [
  { name: 'pom.xml', parse: parsePomXml, raw: rawXml, folders: ['maven/maven-pom', 'maven/scenarios/multi-module'], match: /\.xml$/, generate: () => pom(600) },
  { name: 'gradle.lockfile', parse: parseGradleLockfile, raw: rawLines, folders: ['maven/gradle-lockfile', 'maven/scenarios'], match: /(^|\/)(gradle\.lockfile|5-pkg|one-pkg|with-bad-pkg)$/, generate: () => gradleLockfile(3000) },
  { name: 'libs.versions.toml', parse: parseLibsVersionsToml, raw: rawToml, folders: ['maven/gradle-version-catalog', 'maven/scenarios'], match: /\.versions\.toml$/, generate: () => catalog(600) },
  { name: 'Gemfile', parse: parseGemfile, raw: rawLines, folders: ['rubygems/scenarios'], match: /\/Gemfile$/, generate: () => gemfile(400) },
  { name: 'Gemfile.lock', parse: parseGemfileLock, raw: rawLines, folders: ['rubygems/gemfile-lock', 'rubygems/scenarios'], match: /\.lock$/, generate: () => gemfileLock(1500) },
  { name: 'composer.json', parse: parseComposerJson, raw: rawJson, folders: ['packagist/scenarios'], match: /composer\.json$/, generate: () => composerJson(300) },
  { name: 'composer.lock', parse: parseComposerLock, raw: rawJson, folders: ['packagist/composer-lock', 'packagist/scenarios'], match: /(\.json|\.lock)$/, generate: () => composerLock(1200) },
  { name: '*.csproj', parse: parseCsproj, raw: rawXml, folders: ['nuget/nuget-csproj', 'nuget/scenarios'], match: /(\/valid|\.csproj)$/, generate: () => csproj(400) },
  { name: 'Directory.Packages.props', parse: parseDirectoryPackagesProps, raw: rawXml, folders: ['nuget/nuget-central-package-management', 'nuget/scenarios'], match: /(\/valid|Directory\.Packages\.props)$/, generate: () => props(600) },
  { name: 'packages.lock.json', parse: parsePackagesLockJson, raw: rawJson, folders: ['nuget/nuget-packages-lock', 'nuget/scenarios'], match: /\.json$/, generate: () => packagesLock(1500) },
  { name: 'packages.config', parse: parsePackagesConfig, raw: rawXml, folders: ['nuget/nuget-packages-config', 'nuget/scenarios'], match: /(\/valid|packages\.config)$/, generate: () => packagesConfig(600) },
];

export async function run(report: BenchReporter): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'chainsight-bench-'));
  try {
    for (const format of FORMATS) {
      const largest = largestFile(format);
      if (largest) await measure(report, format, `${format.name} fixture (${kb(largest.text)})`, largest.path);
      const generated = join(scratch, format.name.replace('*', 'Bench'));
      writeFileSync(generated, format.generate());
      await measure(report, format, `${format.name} generated (${kb(readFileSync(generated, 'utf8'))})`, generated);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function measure(report: BenchReporter, format: Format, label: string, path: string): Promise<void> {
  const text = readFileSync(path, 'utf8');
  // Timed in batches (at least three calls, ~100 KB of input) so the timer's resolution and a
  // cold JIT do not dominate small files.
  const repeat = Math.max(3, Math.ceil(100_000 / Math.max(text.length, 1)));
  const perOp = (fn: () => unknown) => async () => {
    for (let i = 0; i < repeat; i++) fn();
  };
  const read = (await timeIt(perOp(() => readFileSync(path, 'utf8')))) / repeat;
  report.add({ group: 'jvm-ruby-php-dotnet', name: `${label}: read`, value: read, unit: 'ms' });
  const raw = (await timeIt(perOp(() => format.raw.run(text)))) / repeat;
  const extract = (await timeIt(perOp(() => format.parse(path, text)))) / repeat;
  const packages = format.parse(path, text).packages.length;
  report.add({ group: 'jvm-ruby-php-dotnet', name: `${label}, ${packages} pkgs: extract+graph`, value: extract, unit: 'ms', baseline: { name: format.raw.name, value: raw }, target: format.raw.target });
}

function largestFile(format: Format): { path: string; text: string } | undefined {
  // Fixtures are read from test/fixtures only; the bench never needs the shared corpus.
  let best: { path: string; size: number } | undefined;
  for (const folder of format.folders) {
    for (const file of walk(join(FIXTURES, folder))) {
      if (file.endsWith('.expected.json') || file.endsWith('.md') || !format.match.test(file)) continue;
      const size = statSync(file).size;
      if (!best || size > best.size) best = { path: file, size };
    }
  }
  return best && { path: best.path, text: readFileSync(best.path, 'utf8') };
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...walk(full));
    else out.push(full);
  }
  return out;
}

function saxesPass(text: string): number {
  const parser = new SaxesParser();
  let elements = 0;
  parser.on('opentag', () => elements++);
  parser.on('error', () => undefined);
  parser.write(text).close();
  return elements;
}

function kb(text: string): string {
  return `${(text.length / 1024).toFixed(1)} KB`;
}

// ---- generated inputs: realistic shapes, deterministic names -------------------------------

const names = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

function pom(n: number): string {
  const deps = names(n, 'lib').map((a, i) => {
    const version = i % 3 === 0 ? `\${${a}.version}` : `1.${i % 10}.${i % 7}`;
    return `    <dependency>\n      <groupId>org.bench.g${i % 20}</groupId>\n      <artifactId>${a}</artifactId>\n      <version>${version}</version>${i % 5 === 0 ? '\n      <scope>test</scope>' : ''}\n    </dependency>`;
  });
  const props = names(n, 'lib').filter((_, i) => i % 3 === 0).map((a, i) => `    <${a}.version>2.${i % 9}.0</${a}.version>`);
  return `<?xml version="1.0"?>\n<project>\n  <modelVersion>4.0.0</modelVersion>\n  <groupId>org.bench</groupId>\n  <artifactId>app</artifactId>\n  <version>1.0</version>\n  <properties>\n${props.join('\n')}\n  </properties>\n  <dependencies>\n${deps.join('\n')}\n  </dependencies>\n</project>\n`;
}

function gradleLockfile(n: number): string {
  const lines = names(n, 'module').map((a, i) => `org.bench.g${i % 40}:${a}:${i % 9}.${i % 13}.${i % 5}=compileClasspath,runtimeClasspath${i % 4 === 0 ? ',testRuntimeClasspath' : ''}`);
  return `# generated\n${lines.join('\n')}\nempty=annotationProcessor\n`;
}

function catalog(n: number): string {
  const versions = names(n / 2, 'v').map((v, i) => `${v} = "${i % 9}.${i % 4}.0"`);
  const libs = names(n, 'lib').map((a, i) => (i % 2 === 0 ? `${a} = { module = "org.bench:${a}", version.ref = "v${(i / 2) | 0}" }` : `${a} = "org.bench:${a}:1.${i % 10}"`));
  return `[versions]\n${versions.join('\n')}\n\n[libraries]\n${libs.join('\n')}\n`;
}

function gemfile(n: number): string {
  const gems = names(n, 'gem').map((g, i) => (i % 4 === 0 ? `  gem "${g}", "~> ${i % 5}.${i % 3}"` : `gem "${g}", ">= ${i % 7}.0", "< ${(i % 7) + 1}"`));
  return `source "https://rubygems.org"\n${gems.slice(0, n / 2).join('\n')}\ngroup :test do\n${gems.slice(n / 2).join('\n')}\nend\n`;
}

function gemfileLock(n: number): string {
  const specs = names(n, 'gem').map((g, i) => {
    const deps = [1, 2, 3].filter((k) => i + k < n).map((k) => `      gem${i + k} (>= 0)`);
    return `    ${g} (${i % 9}.${i % 11}.${i % 3})\n${deps.join('\n')}`;
  });
  const direct = names(n / 10, 'gem').map((g) => `  ${g}`);
  return `GEM\n  remote: https://rubygems.org/\n  specs:\n${specs.join('\n')}\n\nPLATFORMS\n  ruby\n\nDEPENDENCIES\n${direct.join('\n')}\n\nBUNDLED WITH\n   2.4.10\n`;
}

function composerJson(n: number): string {
  const require = Object.fromEntries(names(n, 'bench/pkg').map((p, i) => [p, i % 2 ? `^${i % 9}.${i % 5}` : `~${i % 9}.${i % 5}.0`]));
  return JSON.stringify({ name: 'bench/app', require: { php: '^8.1', ...require } }, null, 4);
}

function composerLock(n: number): string {
  const packages = names(n, 'bench/pkg').map((p, i) => ({
    name: p,
    version: `v${i % 9}.${i % 13}.${i % 4}`,
    source: { type: 'git', url: `https://github.com/${p}.git`, reference: 'a'.repeat(40) },
    dist: { type: 'zip', url: `https://api.github.com/repos/${p}/zipball/${'a'.repeat(40)}`, reference: 'a'.repeat(40), shasum: '' },
    require: Object.fromEntries([1, 2, 3].filter((k) => i + k < n).map((k) => [`bench/pkg${i + k}`, '^1.0']).concat([['php', '>=8.1']])),
    type: 'library',
    license: ['MIT'],
    description: 'A generated package for benchmarking the composer.lock reader.',
  }));
  return JSON.stringify({ 'content-hash': 'x', packages: packages.slice(0, (n * 3) / 4), 'packages-dev': packages.slice((n * 3) / 4) }, null, 4);
}

function csproj(n: number): string {
  const refs = names(n, 'Bench.Package').map((p, i) => `    <PackageReference Include="${p}" Version="${i % 9}.${i % 5}.${i % 3}" />`);
  return `<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup>\n    <TargetFramework>net8.0</TargetFramework>\n  </PropertyGroup>\n  <ItemGroup>\n${refs.join('\n')}\n  </ItemGroup>\n</Project>\n`;
}

function props(n: number): string {
  const items = names(n, 'Bench.Package').map((p, i) => `    <PackageVersion Include="${p}" Version="${i % 9}.${i % 5}.${i % 3}" />`);
  return `<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n  <ItemGroup>\n${items.join('\n')}\n  </ItemGroup>\n</Project>\n`;
}

function packagesLock(n: number): string {
  const framework = Object.fromEntries(
    names(n, 'Bench.Package').map((p, i) => [
      p,
      {
        type: i < n / 10 ? 'Direct' : 'Transitive',
        ...(i < n / 10 ? { requested: `[${i % 9}.0.0, )` } : {}),
        resolved: `${i % 9}.0.${i % 7}`,
        contentHash: 'A'.repeat(86) + '==',
        dependencies: Object.fromEntries([1, 2].filter((k) => i + k < n).map((k) => [`Bench.Package${i + k}`, '1.0.0'])),
      },
    ]),
  );
  return JSON.stringify({ version: 1, dependencies: { 'net6.0': framework, 'net8.0': framework } }, null, 2);
}

function packagesConfig(n: number): string {
  const items = names(n, 'Bench.Package').map((p, i) => `  <package id="${p}" version="${i % 9}.${i % 5}.${i % 3}" targetFramework="net472" />`);
  return `<?xml version="1.0" encoding="utf-8"?>\n<packages>\n${items.join('\n')}\n</packages>\n`;
}
