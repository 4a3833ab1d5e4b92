import type { ServerResponse } from 'node:http';

/**
 * The headers of the mock's own pages (patient portal, PSC sign-in, the e-CPS "phone"): nothing loaded from
 * elsewhere, forms posted back only to their origin, never framed, never cached, no referrer. `styles` lets a page
 * load its own stylesheet.
 */
export function pageSecurityHeaders(options: { readonly styles?: boolean } = {}): Record<string, string> {
  const styles = options.styles === true ? " style-src 'self';" : '';
  return {
    'Content-Security-Policy': `default-src 'none';${styles} form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}

/** Answers a whole body with the pages' headers, its length known. */
export function replyPage(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  extra: Readonly<Record<string, string>> = {},
): void {
  response.writeHead(status, {
    ...pageSecurityHeaders(),
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
    ...extra,
  });
  response.end(body);
}
