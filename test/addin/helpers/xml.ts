/**
 * A strict little XML reader for the manifest lint: elements, attributes and text, the five predefined entities and
 * character references. Comments, the XML declaration and CDATA are accepted; DTDs are not. Anything malformed
 * throws with its offset, so a test that parses the manifest also proves it well-formed.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text directly inside the element, trimmed. */
  text: string;
}

const NAME = String.raw`[\w:.-]+`;
const TOKEN = new RegExp(
  [
    String.raw`<!--[\s\S]*?-->`,
    String.raw`<\?[\s\S]*?\?>`,
    String.raw`<!\[CDATA\[([\s\S]*?)\]\]>`,
    String.raw`<\/(${NAME})\s*>`,
    String.raw`<(${NAME})((?:\s+${NAME}\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>`,
    String.raw`([^<]+)`,
  ].join('|'),
  'y',
);
const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function decode(s: string): string {
  return s.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(lt|gt|amp|quot|apos));/gi, (_, hex, dec, name) => {
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    if (dec) return String.fromCodePoint(+dec);
    return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[name as 'lt'];
  });
}

/** Parses a document with one root element. @throws Error naming the offset of the first malformed token. */
export function parseXml(source: string): XmlElement {
  const stack: XmlElement[] = [];
  const texts: string[][] = [];
  let root: XmlElement | undefined;
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(source);
    if (!m) throw new Error(`parseXml: malformed markup at offset ${at}: ${source.slice(at, at + 40)}`);
    const [, cdata, closing, opening, attributeText, selfClosing, text] = m;
    if (opening) {
      if (root && stack.length === 0) throw new Error(`parseXml: second root element <${opening}> at offset ${at}`);
      const attributes: Record<string, string> = {};
      for (const a of (attributeText ?? '').matchAll(ATTRIBUTE)) {
        if (a[1] in attributes) throw new Error(`parseXml: attribute ${a[1]} repeated at offset ${at}`);
        attributes[a[1]] = decode(a[2] ?? a[3]);
      }
      const element: XmlElement = { name: opening, attributes, children: [], text: '' };
      if (stack.length > 0) stack[stack.length - 1].children.push(element);
      else root = element;
      if (!selfClosing) {
        stack.push(element);
        texts.push([]);
      }
    } else if (closing) {
      const open = stack.pop();
      if (!open || open.name !== closing) {
        throw new Error(`parseXml: </${closing}> at offset ${at} closes <${open?.name ?? 'nothing'}>`);
      }
      open.text = (texts.pop() ?? []).join('').trim();
    } else if (text !== undefined || cdata !== undefined) {
      const content = cdata ?? decode(text);
      if (stack.length > 0) texts[texts.length - 1].push(content);
      else if (content.trim()) throw new Error(`parseXml: text outside the root element at offset ${at}`);
    }
  }
  if (!root || stack.length > 0) throw new Error(`parseXml: unclosed <${stack[stack.length - 1]?.name ?? 'root'}>`);
  return root;
}

/** Every element below `element` (depth first, document order), itself included. */
export function descendants(element: XmlElement): XmlElement[] {
  return [element, ...element.children.flatMap(descendants)];
}
