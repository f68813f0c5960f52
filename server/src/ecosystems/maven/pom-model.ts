import { childElement, childElements, childText, elementText, type XmlElement, type XmlText } from '../../core/xml-tree';

/**
 * The parts of one POM file that dependency extraction needs, as written (not yet interpolated),
 * with offsets into that file. Inheritance and interpolation happen in `pom-effective.ts`.
 */
export interface PomDependency {
  groupId?: XmlText;
  artifactId?: XmlText;
  version?: XmlText;
  scope?: XmlText;
  type?: XmlText;
  classifier?: XmlText;
  optional?: XmlText;
  element: XmlElement;
  /** The id of the active-by-default profile that declares it; undefined for the project's own. */
  profile?: string;
}

export interface PomParentRef {
  groupId?: XmlText;
  artifactId?: XmlText;
  version?: XmlText;
  /** Undefined when absent (Maven's default `../pom.xml`); '' for `<relativePath/>` (repository only). */
  relativePath?: XmlText;
  element: XmlElement;
}

export interface PomProperty {
  name: string;
  value: XmlText;
}

export interface PomModel {
  project: XmlElement;
  groupId?: XmlText;
  artifactId?: XmlText;
  version?: XmlText;
  parent?: PomParentRef;
  properties: PomProperty[];
  /** `<properties>` element, where a fix adds an override. */
  propertiesElement?: XmlElement;
  dependencies: PomDependency[];
  /** `<dependencyManagement><dependencies>` entries, including BOM imports (`scope` import). */
  managed: PomDependency[];
  dependenciesElement?: XmlElement;
  dependencyManagementElement?: XmlElement;
}

/**
 * One POM as Maven sees it with no profile named on the command line: the project's own sections,
 * then those of each profile marked `<activeByDefault>true</activeByDefault>`, injected after them
 * (so a profile's property or dependency version wins, as in Maven's profile injection). Profiles
 * activated by JDK, OS, property or file are not evaluated: which machine builds is not known.
 */
export function readPomModel(source: string, project: XmlElement): PomModel {
  const parentElement = childElement(project, 'parent');
  const propertiesElement = childElement(project, 'properties');
  const dependenciesElement = childElement(project, 'dependencies');
  const dependencyManagementElement = childElement(project, 'dependencyManagement');
  const model: PomModel = {
    project,
    groupId: childText(source, project, 'groupId'),
    artifactId: childText(source, project, 'artifactId'),
    version: childText(source, project, 'version'),
    parent: parentElement ? readParent(source, parentElement) : undefined,
    properties: propertiesElement ? readProperties(source, propertiesElement) : [],
    propertiesElement,
    dependencies: dependenciesElement ? readDependencies(source, dependenciesElement) : [],
    managed: readManaged(source, dependencyManagementElement),
    dependenciesElement,
    dependencyManagementElement,
  };
  for (const profile of activeByDefault(source, project)) {
    const id = childText(source, profile, 'id')?.value ?? 'default';
    const properties = childElement(profile, 'properties');
    const dependencies = childElement(profile, 'dependencies');
    if (properties) model.properties.push(...readProperties(source, properties));
    if (dependencies) model.dependencies.push(...readDependencies(source, dependencies, id));
    model.managed.push(...readManaged(source, childElement(profile, 'dependencyManagement'), id));
  }
  return model;
}

function activeByDefault(source: string, project: XmlElement): XmlElement[] {
  const profiles = childElement(project, 'profiles');
  if (!profiles) return [];
  return childElements(profiles, 'profile').filter((profile) => {
    const activation = childElement(profile, 'activation');
    return activation !== undefined && childText(source, activation, 'activeByDefault')?.value === 'true';
  });
}

function readManaged(source: string, dependencyManagement: XmlElement | undefined, profile?: string): PomDependency[] {
  const list = dependencyManagement ? childElement(dependencyManagement, 'dependencies') : undefined;
  return list ? readDependencies(source, list, profile) : [];
}

function readParent(source: string, element: XmlElement): PomParentRef {
  return {
    groupId: childText(source, element, 'groupId'),
    artifactId: childText(source, element, 'artifactId'),
    version: childText(source, element, 'version'),
    relativePath: childText(source, element, 'relativePath'),
    element,
  };
}

function readProperties(source: string, element: XmlElement): PomProperty[] {
  return element.children.map((child) => ({ name: child.name, value: elementText(source, child) }));
}

function readDependencies(source: string, list: XmlElement, profile?: string): PomDependency[] {
  return childElements(list, 'dependency').map((element) => ({
    ...(profile !== undefined ? { profile } : {}),
    groupId: childText(source, element, 'groupId'),
    artifactId: childText(source, element, 'artifactId'),
    version: childText(source, element, 'version'),
    scope: childText(source, element, 'scope'),
    type: childText(source, element, 'type'),
    classifier: childText(source, element, 'classifier'),
    optional: childText(source, element, 'optional'),
    element,
  }));
}
