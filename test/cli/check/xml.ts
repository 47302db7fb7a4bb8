/**
 * A strict little XML reader for the tests (no dependency): elements, attributes (quoted),
 * text, the five predefined entities and numeric references, the XML declaration; it throws on
 * anything not well-formed (unbalanced or crossed tags, a bare '&' or '<', duplicate
 * attributes, text outside the root).
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string, at: number): string {
  if (/<|&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(s)) throw new Error(`not well-formed: bare '<' or '&' near offset ${at}`);
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (_, e: string) => (e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : ENTITIES[e]!));
}

export function parseXml(text: string): XmlElement {
  let i = 0;
  const decl = /^<\?xml\s+version="1\.0"(\s+encoding="UTF-8")?\s*\?>\s*/.exec(text);
  if (decl) i = decl[0].length;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const name = /[A-Za-z_][\w.-]*/y;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const chunk = text.slice(i, lt < 0 ? text.length : lt);
    if (stack.length > 0) stack.at(-1)!.text += decode(chunk, i);
    else if (chunk.trim() !== '') throw new Error(`not well-formed: text outside the root at offset ${i}`);
    if (lt < 0) break;
    i = lt + 1;
    if (text[i] === '/') {
      name.lastIndex = i + 1;
      const m = name.exec(text);
      const open = stack.pop();
      if (!m || open?.name !== m[0] || text[name.lastIndex] !== '>') throw new Error(`not well-formed: closing tag at offset ${i} does not match <${open?.name}>`);
      i = name.lastIndex + 1;
      continue;
    }
    name.lastIndex = i;
    const m = name.exec(text);
    if (!m) throw new Error(`not well-formed: bad tag name at offset ${i}`);
    const el: XmlElement = { name: m[0], attributes: {}, children: [], text: '' };
    i = name.lastIndex;
    const attr = /\s+([A-Za-z_][\w.:-]*)="([^"<]*)"/y;
    for (;;) {
      attr.lastIndex = i;
      const a = attr.exec(text);
      if (!a) break;
      if (a[1]! in el.attributes) throw new Error(`not well-formed: duplicate attribute ${a[1]}`);
      el.attributes[a[1]!] = decode(a[2]!, i);
      i = attr.lastIndex;
    }
    while (text[i] === ' ' || text[i] === '\n') i++;
    const selfClosing = text.startsWith('/>', i);
    if (!selfClosing && text[i] !== '>') throw new Error(`not well-formed: unexpected '${text[i]}' in <${el.name}> at offset ${i}`);
    i += selfClosing ? 2 : 1;
    if (stack.length > 0) stack.at(-1)!.children.push(el);
    else if (root === undefined) root = el;
    else throw new Error('not well-formed: two root elements');
    if (!selfClosing) stack.push(el);
  }
  if (stack.length > 0 || root === undefined) throw new Error(`not well-formed: unclosed <${stack.at(-1)?.name}>`);
  return root;
}
