import { attribute, elementText, type XmlElement } from '../../core/xml-tree';

/**
 * NuGet items in an MSBuild file (csproj, fsproj, vbproj, Directory.Packages.props):
 * `PackageReference`, `PackageVersion`, `GlobalPackageReference`, wherever they sit (ItemGroups
 * under Choose/When included: conditions are not evaluated, so every declared version is seen).
 * Item and metadata names are case-insensitive in MSBuild; metadata may be an attribute or a
 * child element. `$(Property)` references resolve against the file's own PropertyGroups.
 */
export type PackageItemKind = 'PackageReference' | 'PackageVersion' | 'GlobalPackageReference';

export interface TextSpan {
  value: string;
  start: number;
  end: number;
}

export interface PackageItem {
  kind: PackageItemKind;
  element: XmlElement;
  /** `Include`, or `Update` for an item that adjusts one defined elsewhere. */
  name: TextSpan;
  version?: TextSpan;
  versionOverride?: TextSpan;
}

const ITEM_KINDS: readonly PackageItemKind[] = ['PackageReference', 'PackageVersion', 'GlobalPackageReference'];

export function packageItems(source: string, root: XmlElement): PackageItem[] {
  const items: PackageItem[] = [];
  const visit = (element: XmlElement) => {
    const kind = ITEM_KINDS.find((k) => k.toLowerCase() === element.name.toLowerCase());
    if (kind) {
      const item = readItem(source, kind, element);
      if (item) items.push(item);
      return;
    }
    for (const child of element.children) visit(child);
  };
  visit(root);
  return items;
}

function readItem(source: string, kind: PackageItemKind, element: XmlElement): PackageItem | undefined {
  const nameAttr = attribute(element, 'Include', true) ?? attribute(element, 'Update', true);
  if (!nameAttr || nameAttr.value.trim() === '') return undefined;
  const item: PackageItem = { kind, element, name: trimmedAttribute(source, nameAttr) };
  const version = metadata(source, element, 'Version');
  const versionOverride = metadata(source, element, 'VersionOverride');
  if (version) item.version = version;
  if (versionOverride) item.versionOverride = versionOverride;
  return item;
}

/** Metadata written as an attribute (`Version="1.0"`) or a child element (`<Version>1.0</Version>`). */
export function metadata(source: string, element: XmlElement, name: string): TextSpan | undefined {
  const attr = attribute(element, name, true);
  if (attr) return trimmedAttribute(source, attr);
  const child = element.children.find((c) => c.name.toLowerCase() === name.toLowerCase());
  return child ? elementText(source, child) : undefined;
}

function trimmedAttribute(source: string, attr: { value: string; valueStart: number; valueEnd: number }): TextSpan {
  let start = attr.valueStart;
  let end = attr.valueEnd;
  while (start < end && /\s/.test(source[start]!)) start++;
  while (end > start && /\s/.test(source[end - 1]!)) end--;
  return { value: attr.value.trim(), start, end };
}

/** PropertyGroup values by name (case-insensitive; the last definition wins, conditions ignored). */
export function msbuildProperties(source: string, root: XmlElement): Map<string, TextSpan> {
  const properties = new Map<string, TextSpan>();
  const visit = (element: XmlElement) => {
    if (element.name.toLowerCase() === 'propertygroup') {
      for (const child of element.children) properties.set(child.name.toLowerCase(), elementText(source, child));
      return;
    }
    for (const child of element.children) visit(child);
  };
  visit(root);
  return properties;
}

/** `$(Name)` references replaced where the property is known; unknown ones stay as written. */
export function expandProperties(text: string, properties: Map<string, TextSpan>, depth = 0): string {
  if (depth > 16 || !text.includes('$(')) return text;
  return text.replace(/\$\(([A-Za-z_][\w.-]*)\)/g, (whole, name: string) => {
    const value = properties.get(name.toLowerCase());
    return value ? expandProperties(value.value, properties, depth + 1) : whole;
  });
}

/** The property a version text is exactly a reference to (`$(NewtonsoftVersion)`), if defined here. */
export function referencedProperty(text: string, properties: Map<string, TextSpan>): TextSpan | undefined {
  const m = /^\s*\$\(([A-Za-z_][\w.-]*)\)\s*$/.exec(text);
  return m ? properties.get(m[1]!.toLowerCase()) : undefined;
}
