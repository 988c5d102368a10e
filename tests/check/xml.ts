/**
 * A minimal XML reader for the JUnit tests: enough of XML 1.0 to prove a document well-formed
 * (one root, balanced and properly nested tags, quoted unique attributes, known entities only) and
 * to walk its elements. Throws on anything malformed.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_:][\w.:-]*/;

function decode(raw: string, where: number): string {
  return raw.replace(/&([^;]*);?/g, (match, entity: string) => {
    if (!match.endsWith(';')) throw new Error(`unterminated entity at ${where}`);
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (entity in named) return named[entity];
    if (/^#\d+$/.test(entity)) return String.fromCodePoint(Number(entity.slice(1)));
    if (/^#x[0-9a-fA-F]+$/.test(entity)) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    throw new Error(`unknown entity &${entity}; at ${where}`);
  });
}

export function parseXml(text: string): XmlElement {
  let i = 0;
  const stack: XmlElement[] = [];
  const document: { root: XmlElement | null } = { root: null };
  if (text.startsWith('<?xml')) {
    const end = text.indexOf('?>');
    if (end < 0) throw new Error('unterminated XML declaration');
    i = end + 2;
  }
  while (i < text.length) {
    if (text[i] !== '<') {
      const next = text.indexOf('<', i);
      const chunk = text.slice(i, next < 0 ? text.length : next);
      if (chunk.includes('>')) throw new Error(`stray '>' at ${i}`);
      if (stack.length === 0) {
        if (chunk.trim() !== '') throw new Error(`text outside the root element at ${i}`);
      } else {
        stack[stack.length - 1].text += decode(chunk, i);
      }
      i = next < 0 ? text.length : next;
      continue;
    }
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i);
      if (end < 0) throw new Error('unterminated comment');
      i = end + 3;
      continue;
    }
    if (text[i + 1] === '/') {
      const name = NAME.exec(text.slice(i + 2))?.[0];
      const open = stack.pop();
      if (name === undefined || open === undefined || open.name !== name) {
        throw new Error(`closing tag </${name}> does not match <${open?.name}> at ${i}`);
      }
      i += 2 + name.length;
      while (text[i] === ' ' || text[i] === '\n') i++;
      if (text[i] !== '>') throw new Error(`malformed closing tag at ${i}`);
      i++;
      continue;
    }
    const name = NAME.exec(text.slice(i + 1))?.[0];
    if (name === undefined) throw new Error(`malformed tag at ${i}`);
    if (document.root !== null && stack.length === 0) throw new Error(`second root element <${name}> at ${i}`);
    i += 1 + name.length;
    const element: XmlElement = { name, attributes: {}, children: [], text: '' };
    for (;;) {
      const space = /^\s*/.exec(text.slice(i))![0].length;
      i += space;
      if (text.startsWith('/>', i)) {
        i += 2;
        attach(element, true);
        break;
      }
      if (text[i] === '>') {
        i++;
        attach(element, false);
        break;
      }
      if (space === 0) throw new Error(`missing space before attribute at ${i}`);
      const attribute = NAME.exec(text.slice(i))?.[0];
      if (attribute === undefined || text[i + attribute.length] !== '=' || text[i + attribute.length + 1] !== '"') {
        throw new Error(`malformed attribute at ${i}`);
      }
      const start = i + attribute.length + 2;
      const end = text.indexOf('"', start);
      if (end < 0) throw new Error(`unterminated attribute value at ${start}`);
      const raw = text.slice(start, end);
      if (raw.includes('<')) throw new Error(`'<' in attribute value at ${start}`);
      if (attribute in element.attributes) throw new Error(`duplicate attribute ${attribute} at ${i}`);
      element.attributes[attribute] = decode(raw, start);
      i = end + 1;
    }
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  if (document.root === null) throw new Error('no root element');
  return document.root;

  function attach(element: XmlElement, selfClosing: boolean): void {
    if (stack.length === 0) document.root = element;
    else stack[stack.length - 1].children.push(element);
    if (!selfClosing) stack.push(element);
  }
}

/** Every element named `name` in document order. */
export function findAll(element: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    if (e.name === name) out.push(e);
    e.children.forEach(walk);
  };
  walk(element);
  return out;
}
