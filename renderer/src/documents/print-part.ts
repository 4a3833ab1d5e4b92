/**
 * Prints one part of the window, the list or the open document: the page says which while the browser's print
 * runs, and the print style of documents.css keeps that part alone.
 */
export function printPart(part: 'list' | 'document'): void {
  const root = document.documentElement;
  root.dataset.printing = part;
  window.addEventListener('afterprint', () => delete root.dataset.printing, { once: true });
  window.print();
}
