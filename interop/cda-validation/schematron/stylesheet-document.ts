import { schChildren, type SchElement } from './model.js';
import { variableDeclaration } from './variables.js';
import { xmlAttr } from './xslt-text.js';

const XSL = 'http://www.w3.org/1999/XSL/Transform';
const XS = 'http://www.w3.org/2001/XMLSchema';
const LOCAL = 'urn:passerelle:cda-validation';

/** The translated parts the stylesheet is made of. */
export interface StylesheetParts {
  readonly globals: ReadonlyMap<string, string>;
  /** Per pattern, the instruction the walk runs on each node (see `translatePatterns`). */
  readonly visits: readonly string[];
  /** Every template of rules, abstract rules and shared checks, in order. */
  readonly templates: string;
  /** The nodes the rules can match, when they can be told ahead (`reach.ts`): the walk visits only those. */
  readonly reach?: string;
}

/**
 * The stylesheet's namespace declarations: those of the schema (`sch:ns`) beside the stylesheet's own. A
 * prefix the schema binds to another URI than one already declared is a problem, named in `problems`.
 */
function namespaceDeclarations(schema: SchElement, problems: string[]): string {
  const declared = new Map([
    ['xsl', XSL],
    ['xs', XS],
    ['c', LOCAL],
    ['xml', 'http://www.w3.org/XML/1998/namespace'],
  ]);
  let namespaces = '';
  for (const ns of schChildren(schema, 'ns')) {
    const { prefix, uri } = ns.attrs;
    if (prefix === undefined || uri === undefined) continue;
    const known = declared.get(prefix);
    if (known === undefined) {
      declared.set(prefix, uri);
      namespaces += ` xmlns:${prefix}="${xmlAttr(uri)}"`;
    } else if (known !== uri) {
      problems.push(`namespace prefix ${prefix} bound to two URIs`);
    }
  }
  return namespaces;
}

/**
 * The walk: every node, depth first, each one visited (`visit`: each pattern's rules tried) before its children;
 * or, when the nodes the rules can match are known (`reach`), those nodes only, in the same order.
 */
function walk(visit: string, reach: string | undefined): string {
  if (reach !== undefined)
    return `<xsl:template match="/"><r><xsl:for-each select="${xmlAttr(reach)}">${visit}</xsl:for-each></r></xsl:template>`;
  return (
    `<xsl:template match="/"><r><xsl:apply-templates select="." mode="c:walk"/></r></xsl:template>` +
    `<xsl:template match="*|/" mode="c:walk">${visit}<xsl:apply-templates select="*" mode="c:walk"/></xsl:template>`
  );
}

/**
 * The whole stylesheet: the global variables, `c:where` (a node's location as the ANS reports write it), one
 * walk over the document that visits every pattern on each node, the templates, and a default template of
 * each mode that matches nothing else and writes nothing.
 */
export function stylesheetDocument(schema: SchElement, parts: StylesheetParts, problems: string[]): string {
  const namespaces = namespaceDeclarations(schema, problems);
  const visit =
    `<xsl:variable name="c:n" select="local-name()"/><xsl:variable name="c:u" select="namespace-uri()"/>` +
    `<xsl:variable name="c:pn" select="local-name(..)"/><xsl:variable name="c:pu" select="namespace-uri(..)"/>` +
    `<xsl:variable name="c:t" select="Q{urn:hl7-org:v3}templateId/@root/string()"/>${parts.visits.join('')}`;
  const variables = [...parts.globals].map(([name, value]) => variableDeclaration(name, value));
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<xsl:stylesheet version="3.0" xmlns:xsl="${XSL}" xmlns:xs="${XS}" xmlns:c="${LOCAL}"` +
    `${namespaces} exclude-result-prefixes="#all">` +
    variables.join('') +
    // The look-up of a code by its text, for the rewritten terminology rules (`rewrites.ts`).
    `<xsl:key name="c:code-text" match="code" use="text()"/>` +
    // Every element by its local name, for the rules' `//p:name` steps rewritten as look-ups (`rewrites.ts`).
    `<xsl:key name="c:element-name" match="*" use="local-name()"/>` +
    `<xsl:function name="c:where" as="xs:string"><xsl:param name="n" as="node()"/>` +
    // ANS reports write the position of an element only from the second same-named sibling on.
    `<xsl:sequence select="string-join((for $e in $n/ancestor-or-self::* return concat('/', local-name($e), ` +
    `let $i := count($e/preceding-sibling::*[local-name() = local-name($e)]) + 1 return if ($i gt 1) then concat('[', $i, ']') else ''), ` +
    `if ($n instance of attribute()) then concat('/@', name($n)) else ()), '')"/></xsl:function>` +
    // One walk over the document: on each node, each pattern's rules are tried (where its guards allow) in
    // the pattern's own mode, whose first matching rule fires as in the skeleton's one walk per pattern. The
    // findings come out by node rather than by pattern; the reader sorts them back by pattern.
    walk(visit, parts.reach) +
    `<xsl:template match="*|/" mode="#all" priority="-2"/>` +
    parts.templates +
    `</xsl:stylesheet>\n`
  );
}
