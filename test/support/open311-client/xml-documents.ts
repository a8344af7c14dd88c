import { create } from 'xmlbuilder2';

/**
 * GeoReport v2's XML documents read into the shape of its JSON documents, from the spec alone:
 * each list is an element wrapping one element per item (<services><service>, <service_requests>
 * <request>, <errors><error>, <attributes><attribute>, <values><value>, <endpoints><endpoint>,
 * <formats><format>); an empty element is null; the fields the spec types as booleans and numbers
 * are read as such. Parsed by a real XML parser (xmlbuilder2's reader), never by patterns.
 */
const LISTS: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};
const BOOLEANS = new Set(['metadata', 'variable', 'required']);
const NUMBERS = new Set(['lat', 'long']);
const INTEGERS = new Set(['order']);

interface XmlNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<XmlNode>;
}

const elementsOf = (node: XmlNode): XmlNode[] => Array.from(node.childNodes).filter((n) => n.nodeType === 1);

function scalar(name: string, text: string, parent: string): unknown {
  if (text === '') return null;
  if (BOOLEANS.has(name)) {
    if (text !== 'true' && text !== 'false') throw new Error(`<${name}> is not a boolean: ${text}`);
    return text === 'true';
  }
  if (NUMBERS.has(name) || INTEGERS.has(name) || (name === 'code' && parent === 'error')) {
    const value = Number(text);
    if (!Number.isFinite(value)) throw new Error(`<${name}> is not a number: ${text}`);
    return value;
  }
  return text;
}

function read(element: XmlNode, parent: string): unknown {
  const name = element.nodeName;
  const children = elementsOf(element);
  const item = LISTS[name];
  if (item) {
    const strays = children.filter((c) => c.nodeName !== item);
    if (strays.length > 0) throw new Error(`<${name}> holds <${strays[0].nodeName}>, not only <${item}>`);
    return children.map((c) => read(c, name));
  }
  if (children.length === 0) return scalar(name, element.textContent ?? '', parent);
  const object: Record<string, unknown> = {};
  for (const child of children) {
    if (child.nodeName in object) throw new Error(`<${name}> holds <${child.nodeName}> twice`);
    object[child.nodeName] = read(child, name);
  }
  return object;
}

/** The root element's name and its content, as the JSON document would hold it. */
export function readOpen311Xml(text: string): { root: string; document: unknown } {
  const root = create(text).root().node as unknown as XmlNode;
  return { root: root.nodeName, document: read(root, '') };
}

/** The names of the elements of each item of a document's lists, for comparing shapes. */
export function elementNamesOf(text: string): string[] {
  const names = new Set<string>();
  const walk = (node: XmlNode, path: string) => {
    for (const child of elementsOf(node)) {
      const childPath = `${path}/${child.nodeName}`;
      names.add(childPath);
      walk(child, childPath);
    }
  };
  const root = create(text).root().node as unknown as XmlNode;
  walk(root, root.nodeName);
  return [...names].sort();
}
