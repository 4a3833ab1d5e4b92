import { escapeHtml } from '../../../../interop/html/escape-html.js';

/**
 * A minimal HTML writer for documents from outside: markup is only ever produced here, from a fixed list of
 * inert tags and attributes, and every piece of text is escaped. Nothing from a document is copied as
 * markup, so no script, event handler or external reference can come through.
 */

/** The only tags the renderer writes: none can run code or fetch anything. */
const TAGS = new Set([
  'article',
  'header',
  'section',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'p',
  'span',
  'strong',
  'em',
  'br',
  'ul',
  'ol',
  'li',
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'colgroup',
  'col',
  'sub',
  'sup',
  'small',
  'pre',
  'dl',
  'dt',
  'dd',
  'div',
  'a',
]);
const VOID = new Set(['br', 'col']);
/** Attributes with the values they may take: fixed class tokens, small numbers, fragment links. */
const ATTRIBUTES: Readonly<Record<string, RegExp>> = {
  class: /^[a-z][a-z0-9-]*( [a-z][a-z0-9-]*)*$/,
  colspan: /^[1-9]\d{0,2}$/,
  rowspan: /^[1-9]\d{0,2}$/,
  span: /^[1-9]\d{0,2}$/,
  href: /^#[A-Za-z_][\w.:-]{0,127}$/,
  id: /^[A-Za-z_][\w.:-]{0,127}$/,
};

export type Html = { readonly html: string };

/** Text, escaped. */
export function text(value: string): Html {
  return { html: escapeHtml(value) };
}

/** An element of the fixed list; attributes outside the list, or values that do not fit, are dropped. */
export function el(
  tag: string,
  attributes: Readonly<Record<string, string | undefined>>,
  ...children: readonly (Html | string)[]
): Html {
  if (!TAGS.has(tag)) throw new RangeError(`tag not allowed: ${tag}`);
  const attrs = Object.entries(attributes)
    .filter(([name, value]) => value !== undefined && ATTRIBUTES[name]?.test(value) === true)
    .map(([name, value]) => ` ${name}="${escapeHtml(value!)}"`)
    .join('');
  if (VOID.has(tag)) return { html: `<${tag}${attrs}>` };
  return {
    html: `<${tag}${attrs}>${children.map((c) => (typeof c === 'string' ? escapeHtml(c) : c.html)).join('')}</${tag}>`,
  };
}

export function join(parts: readonly Html[]): Html {
  return { html: parts.map((p) => p.html).join('') };
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:1.5rem;color:#111}header{border-bottom:1px solid #999;margin-bottom:1rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}table{border-collapse:collapse;margin:.5rem 0}
th,td{border:1px solid #aaa;padding:.2rem .4rem;vertical-align:top}.sc-bold{font-weight:700}.sc-italics{font-style:italic}
.sc-underline{text-decoration:underline}.visibility{color:#a00}.multimedia{color:#666}`;

/**
 * A whole page: its policy forbids scripts, frames, fetches and anything external even if markup slipped
 * through; the style is ours.
 */
export function page(title: string, body: Html): string {
  return (
    '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">` +
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body.html}</body></html>`
  );
}
