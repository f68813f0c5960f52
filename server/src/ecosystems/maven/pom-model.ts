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

export function readPomModel(source: string, project: XmlElement): PomModel {
  const parentElement = childElement(project, 'parent');
  const propertiesElement = childElement(project, 'properties');
  const dependenciesElement = childElement(project, 'dependencies');
  const dependencyManagementElement = childElement(project, 'dependencyManagement');
  const managedList = dependencyManagementElement ? childElement(dependencyManagementElement, 'dependencies') : undefined;
  return {
    project,
    groupId: childText(source, project, 'groupId'),
    artifactId: childText(source, project, 'artifactId'),
    version: childText(source, project, 'version'),
    parent: parentElement ? readParent(source, parentElement) : undefined,
    properties: propertiesElement ? readProperties(source, propertiesElement) : [],
    propertiesElement,
    dependencies: dependenciesElement ? readDependencies(source, dependenciesElement) : [],
    managed: managedList ? readDependencies(source, managedList) : [],
    dependenciesElement,
    dependencyManagementElement,
  };
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

function readDependencies(source: string, list: XmlElement): PomDependency[] {
  return childElements(list, 'dependency').map((element) => ({
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
