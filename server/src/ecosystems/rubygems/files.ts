import type { FormatEntry } from '../format';

/**
 * Bundler: the Gemfile and the Gemfile.lock beside it (gems.rb / gems.locked are Bundler's newer
 * names). Ruby's parser skips a byte-order mark at the start of a Gemfile; Bundler's lockfile parser
 * does not, so `\uFEFFGEM` is no section header and the whole first source section is dropped.
 */
export const FORMATS = [
  { parser: 'rubygems/gemfile', ecosystem: 'RubyGems', kind: 'manifest', patterns: ['Gemfile', 'gems.rb'], language: 'ruby', byteOrderMark: 'accepted', lockfiles: ['rubygems/gemfile-lock'] },
  {
    parser: 'rubygems/gemfile-lock',
    ecosystem: 'RubyGems',
    kind: 'lockfile',
    patterns: ['Gemfile.lock', 'gems.locked'],
    language: 'gemfilelock',
    byteOrderMark: { rejectedBy: 'Bundler' },
    // `bundle lock` re-resolves only what the Gemfile change requires and installs nothing.
    lockfileCommand: { command: 'bundle', args: ['lock'] },
    priority: 10,
  },
] as const satisfies readonly FormatEntry[];
