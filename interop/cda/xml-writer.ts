import { xmlEscape } from '../xml/dom.js';

/**
 * Markup made by `el`: the only way a builder produces XML. A plain string given as a child is text and is
 * always escaped, so user data cannot reach the document unescaped, whichever builder forgets what.
 */
export class Xml {
  constructor(readonly markup: string) {}
}

export type XmlChild = Xml | string | undefined | false | readonly XmlChild[];
export type XmlAttributes = Readonly<Record<string, string | number | undefined>>;

function render(child: XmlChild): string {
  if (child === undefined || child === false) return '';
  if (child instanceof Xml) return child.markup;
  if (typeof child === 'string') return xmlEscape(child);
  return child.map(render).join('');
}

/** An element; attributes whose value is undefined are left out. */
export function el(name: string, attributes: XmlAttributes = {}, ...children: XmlChild[]): Xml {
  const attrs = Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${xmlEscape(String(value))}"`)
    .join('');
  const content = children.map(render).join('');
  return new Xml(content === '' ? `<${name}${attrs}/>` : `<${name}${attrs}>${content}</${name}>`);
}

/** Several siblings as one child. */
export function fragment(...children: XmlChild[]): Xml {
  return new Xml(children.map(render).join(''));
}

/** A complete document: the XML declaration, then the root. */
export function xmlDocument(root: Xml): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root.markup}\n`;
}
