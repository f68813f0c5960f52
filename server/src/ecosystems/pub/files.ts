import type { FormatEntry } from '../format';

export const DART_PUB_GET = { command: 'dart', args: ['pub', 'get'] } as const;

/**
 * The Pub dependency files (package:yaml skips a byte-order mark at the start of a line, as YAML
 * allows). In a pub workspace only the root has a pubspec.lock; member pubspecs pair with it across
 * folders. Without the manifest at hand the lockfile command is `dart pub get`; fixes pick `flutter
 * pub get` for Flutter packages.
 */
export const FORMATS = [
  { parser: 'pub/pubspec-yaml', ecosystem: 'Pub', kind: 'manifest', patterns: ['pubspec.yaml'], language: 'yaml', byteOrderMark: 'accepted', lockfiles: ['pub/pubspec-lock'] },
  { parser: 'pub/pubspec-lock', ecosystem: 'Pub', kind: 'lockfile', patterns: ['pubspec.lock'], language: 'yaml', byteOrderMark: 'accepted', lockfileCommand: DART_PUB_GET, priority: 10 },
] as const satisfies readonly FormatEntry[];
