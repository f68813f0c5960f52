import { withV } from './go-versions';

/**
 * `pkg:golang/<module path>@v<version>`. The purl-spec golang type is case-insensitive, so the module
 * path is lowercased; each path segment is percent-encoded on its own, and so is the version
 * (`+incompatible` → `%2Bincompatible`).
 */
export function goPurl(name: string, version: string): string {
  const path = name
    .toLowerCase()
    .split('/')
    .filter((s) => s.length > 0)
    .map(encodePurlSegment)
    .join('/');
  return `pkg:golang/${path}${version ? `@${encodePurlSegment(withV(version))}` : ''}`;
}

/** Percent-encoding as purl-spec asks: like encodeURIComponent, but `:` stays readable. */
export function encodePurlSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/%3A/gi, ':');
}
