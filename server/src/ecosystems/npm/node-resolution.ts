/**
 * Node's module resolution over lockfile locations: a package at `node_modules/a/node_modules/b`
 * requiring `c` gets the nearest `.../node_modules/c` walking up towards the project root. This is
 * how npm lays packages out, so it is how a lockfile's edges must be read.
 */
function parentLocation(location: string): string {
  const nested = location.lastIndexOf('/node_modules/');
  if (nested !== -1) return location.slice(0, nested);
  if (location.startsWith('node_modules/')) return '';
  const slash = location.lastIndexOf('/');
  return slash === -1 ? '' : location.slice(0, slash);
}

/**
 * The same resolution over a fixed set of install locations, indexed once: each folder's
 * `node_modules` children by name, and each location's parent, so resolving is map look-ups on
 * strings that already exist rather than building candidate paths.
 */
export class InstallLayout {
  private readonly children = new Map<string, Map<string, string>>();
  private readonly parents = new Map<string, string>();

  constructor(locations: Iterable<string>) {
    for (const location of locations) {
      const i = location.lastIndexOf('node_modules/');
      if (i === -1 || (i > 0 && location.charCodeAt(i - 1) !== 47 /* / */)) continue;
      const parent = i === 0 ? '' : location.slice(0, i - 1);
      const name = location.slice(i + 'node_modules/'.length);
      let byName = this.children.get(parent);
      if (!byName) this.children.set(parent, (byName = new Map()));
      byName.set(name, location);
    }
  }

  resolve(from: string, name: string): string | undefined {
    let current = from;
    for (;;) {
      const hit = this.children.get(current)?.get(name);
      if (hit !== undefined) return hit;
      if (current === '') return undefined;
      current = this.parentOf(current);
    }
  }

  private parentOf(location: string): string {
    let parent = this.parents.get(location);
    if (parent === undefined) {
      parent = parentLocation(location);
      this.parents.set(location, parent);
    }
    return parent;
  }
}
