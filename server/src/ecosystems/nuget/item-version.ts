import type { ExtractedPackage } from '../../core/package';
import type { LineIndex } from '../../core/text-range';
import { expandProperties, referencedProperty, type TextSpan } from './msbuild-items';
import { exactNuGetVersion } from './nuget-range';

/**
 * Sets a package's requirement, exact version and version range from the version written on its
 * item (in a csproj or a props file). `$(Property)` references are expanded; when the version is
 * exactly one, the range is the property's value, since that is the text a fix has to change.
 */
export function applyItemVersion(pkg: ExtractedPackage, written: TextSpan, properties: Map<string, TextSpan>, index: LineIndex): void {
  const requirement = expandProperties(written.value, properties);
  pkg.requirement = requirement;
  pkg.version = exactNuGetVersion(requirement) ?? '';
  const target = referencedProperty(written.value, properties) ?? written;
  pkg.versionRange = index.range(target.start, target.end);
}
