/**
 * Escapes a text for HTML content or a double- or single-quoted attribute value: the one escaping of the two
 * pages written as HTML strings (the rendered CDA, the mock's patient portal). Hand-written because no XML
 * library writes HTML (void elements, the doctype), and five replacements are all HTML text needs.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
