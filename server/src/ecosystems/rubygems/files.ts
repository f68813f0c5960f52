import type { DependencyFileKind } from '../files';

/** Bundler: the Gemfile and the Gemfile.lock beside it (gems.rb / gems.locked are Bundler's newer names). */
export const FILES: readonly DependencyFileKind[] = [
  { parser: 'rubygems/gemfile', ecosystem: 'RubyGems', kind: 'manifest', patterns: ['Gemfile', 'gems.rb'], lockfiles: ['rubygems/gemfile-lock'] },
  { parser: 'rubygems/gemfile-lock', ecosystem: 'RubyGems', kind: 'lockfile', patterns: ['Gemfile.lock', 'gems.locked'], priority: 10 },
];
