import { syntaxError } from '../../core/syntax-error';
import { attribute, childElement, childElements, parseXml, type XmlElement } from '../../core/xml-tree';
import { MAX_DEPTH } from '../json-input';
import type { ReaderContext, ReaderOutcome, TextReaderInput } from '../reader-types';
import { WarningList } from '../warnings';
import { readBom } from './bom';

/**
 * CycloneDX XML (1.2–1.7), converted to the JSON shape of the same version with the fields Chainsight
 * reads, then validated against that version's JSON schema and read like JSON. The schema catches
 * what the XSD would for those fields (unknown analysis states, components without names); every
 * converted value remembers its element, so errors and statements point into the XML. saxes (our
 * XML parser) is strict and expands no DTD entities, so entity bombs are syntax errors.
 */

const NAMESPACE = /^http:\/\/cyclonedx\.org\/schema\/bom\/(1\.\d+)$/;

export function isCycloneDxXml(start: string): boolean {
  return start.startsWith('<') && /cyclonedx\.org\/schema\/bom\//.test(start.slice(0, 4096));
}

type Json = Record<string, unknown>;

export function readCycloneDxXml(input: TextReaderInput, context: ReaderContext): ReaderOutcome {
  const { text, source } = input;
  const parsed = parseXml(text);
  if (!parsed.root) return { ok: false, errors: [syntaxError(source.lines, source.fileName, parsed.error?.message ?? 'not XML', parsed.error?.offset ?? 0)] };
  const root = parsed.root;
  const version = NAMESPACE.exec(attribute(root, 'xmlns')?.value ?? '')?.[1];
  if (root.name !== 'bom' || !version) {
    return { ok: false, errors: [syntaxError(source.lines, source.fileName, 'not a CycloneDX BOM: the root is not <bom> in a CycloneDX namespace', root.start)] };
  }
  const converter = new Converter(text);
  let json: Json;
  try {
    json = converter.bom(root, version);
  } catch (err) {
    if (!(err instanceof TooDeep)) throw err;
    return { ok: false, errors: [syntaxError(source.lines, source.fileName, `nested more than ${MAX_DEPTH} levels deep`, err.offset)] };
  }
  const located = { ...source, text, locate: (path: readonly string[]) => converter.places.get(path.join('/')) };
  return readBom(json, { source: located, origin: input.origin, context, warnings: new WarningList(located) });
}

class TooDeep extends Error {
  constructor(readonly offset: number) {
    super('too deep');
  }
}

class Converter {
  /** JSON path → the offsets of the element it came from. */
  readonly places = new Map<string, [number, number]>();

  constructor(private readonly text: string) {}

  bom(root: XmlElement, version: string): Json {
    const out: Json = { bomFormat: 'CycloneDX', specVersion: version };
    this.place([], root);
    this.copyAttribute(root, 'serialNumber', out);
    const bomVersion = Number(attribute(root, 'version')?.value);
    if (Number.isInteger(bomVersion)) out['version'] = bomVersion;
    const section = (name: string): XmlElement | undefined => {
      const element = childElement(root, name);
      if (element) this.place([name], element);
      return element;
    };
    const metadata = section('metadata');
    if (metadata) out['metadata'] = this.metadata(metadata);
    const components = section('components');
    if (components) out['components'] = this.components(components, ['components'], 0);
    const dependencies = section('dependencies');
    if (dependencies) out['dependencies'] = childElements(dependencies, 'dependency').map((d, i) => this.dependency(d, ['dependencies', String(i)]));
    const vulnerabilities = section('vulnerabilities');
    if (vulnerabilities) out['vulnerabilities'] = childElements(vulnerabilities, 'vulnerability').map((v, i) => this.vulnerability(v, ['vulnerabilities', String(i)]));
    return out;
  }

  private metadata(element: XmlElement): Json {
    const out: Json = {};
    this.copyTexts(element, ['timestamp'], out);
    const tools = childElement(element, 'tools');
    if (tools) {
      const legacy = childElements(tools, 'tool');
      const components = childElement(tools, 'components');
      if (legacy.length > 0) out['tools'] = legacy.map((t) => this.copyTexts(t, ['vendor', 'name', 'version'], {}));
      else if (components) out['tools'] = { components: this.components(components, ['metadata', 'tools', 'components'], 0) };
    }
    const authors = childElement(element, 'authors');
    if (authors) out['authors'] = childElements(authors, 'author').map((a) => this.copyTexts(a, ['name', 'email'], {}));
    for (const organisation of ['manufacture', 'manufacturer', 'supplier']) {
      const child = childElement(element, organisation);
      if (child) out[organisation] = this.copyTexts(child, ['name'], {});
    }
    const component = childElement(element, 'component');
    if (component) out['component'] = this.component(component, ['metadata', 'component'], 0);
    return out;
  }

  private components(element: XmlElement, path: string[], depth: number): Json[] {
    return childElements(element, 'component').map((c, i) => this.component(c, [...path, String(i)], depth));
  }

  private component(element: XmlElement, path: string[], depth: number): Json {
    if (depth > MAX_DEPTH) throw new TooDeep(element.start);
    this.place(path, element);
    const out: Json = {};
    this.copyAttribute(element, 'type', out);
    this.copyAttribute(element, 'bom-ref', out);
    this.copyTexts(element, ['group', 'name', 'version', 'purl'], out, path);
    const hashes = childElement(element, 'hashes');
    if (hashes) out['hashes'] = childElements(hashes, 'hash').map((h) => ({ alg: attribute(h, 'alg')?.value ?? '', content: h.text.trim() }));
    const licenses = childElement(element, 'licenses');
    if (licenses) {
      out['licenses'] = licenses.children.flatMap((l): Json[] => {
        if (l.name === 'expression') return [{ expression: l.text.trim() }];
        if (l.name !== 'license') return [];
        const license = this.copyTexts(l, ['id', 'name'], {});
        return Object.keys(license).length > 0 ? [{ license }] : [];
      });
    }
    const references = childElement(element, 'externalReferences');
    if (references) {
      out['externalReferences'] = childElements(references, 'reference').map((r) => ({ type: attribute(r, 'type')?.value ?? '', url: childElement(r, 'url')?.text.trim() ?? '' }));
    }
    const nested = childElement(element, 'components');
    if (nested) out['components'] = this.components(nested, [...path, 'components'], depth + 1);
    return out;
  }

  private dependency(element: XmlElement, path: string[]): Json {
    this.place(path, element);
    const dependsOn = childElements(element, 'dependency').map((d) => attribute(d, 'ref')?.value ?? '');
    return { ref: attribute(element, 'ref')?.value ?? '', ...(dependsOn.length > 0 ? { dependsOn } : {}) };
  }

  private vulnerability(element: XmlElement, path: string[]): Json {
    this.place(path, element);
    const out: Json = {};
    this.copyAttribute(element, 'bom-ref', out);
    this.copyTexts(element, ['id', 'recommendation', 'workaround', 'updated'], out, path);
    const references = childElement(element, 'references');
    if (references) {
      out['references'] = childElements(references, 'reference').map((r) => ({ ...this.copyTexts(r, ['id'], {}), source: this.copyTexts(childElement(r, 'source') ?? r, ['name', 'url'], {}) }));
    }
    const analysis = childElement(element, 'analysis');
    if (analysis) {
      const read = this.copyTexts(analysis, ['state', 'justification', 'detail', 'firstIssued', 'lastUpdated'], {}, [...path, 'analysis']);
      const responses = childElement(analysis, 'responses');
      if (responses) read['response'] = childElements(responses, 'response').map((r) => r.text.trim());
      out['analysis'] = read;
    }
    const affects = childElement(element, 'affects');
    if (affects) {
      out['affects'] = childElements(affects, 'target').map((target, i) => {
        const read: Json = this.copyTexts(target, ['ref'], {}, [...path, 'affects', String(i)]);
        const versions = childElement(target, 'versions');
        if (versions) read['versions'] = childElements(versions, 'version').map((v) => this.copyTexts(v, ['version', 'range', 'status'], {}));
        return read;
      });
    }
    return out;
  }

  /** Copies the text of each named child that is present into `out`, remembering where it was. */
  private copyTexts(element: XmlElement, names: readonly string[], out: Json, path?: readonly string[]): Json {
    for (const name of names) {
      const child = childElement(element, name);
      if (!child) continue;
      out[name] = child.text.trim();
      if (path) this.place([...path, name], child);
    }
    return out;
  }

  private copyAttribute(element: XmlElement, name: string, out: Json): void {
    const value = attribute(element, name)?.value;
    if (value !== undefined) out[name] = value;
  }

  private place(path: readonly string[], element: XmlElement): void {
    this.places.set(path.join('/'), [element.start, Math.min(element.end, this.text.length)]);
  }
}
