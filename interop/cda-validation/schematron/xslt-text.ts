/** Text content of the generated stylesheet, escaped. */
export function xmlText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * An attribute value of the generated stylesheet, escaped; whitespace characters as references, so that an
 * XPath expression spread over lines keeps them (an attribute value's own line breaks would be normalised).
 */
export function xmlAttr(value: string | undefined): string {
  return xmlText(value ?? '')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}
