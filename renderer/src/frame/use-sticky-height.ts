import { useEffect, useRef } from 'react';

/**
 * Keeps `--sticky-top` on the page at the height of the element that stays on top: the page scrolls a focused
 * control into view below it rather than under it (keyboard users), and sticky columns start beneath it.
 */
export function useStickyHeight<T extends HTMLElement>(): React.RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => {
      // Below a small window's height only the patient strip stays on top (see styles.css).
      const sticky =
        getComputedStyle(element).display === 'contents' ? element.querySelector('.patient-strip') : element;
      root.style.setProperty('--sticky-top', `${sticky?.getBoundingClientRect().height ?? 0}px`);
    });
    observer.observe(element);
    const strip = element.querySelector('.patient-strip');
    if (strip) observer.observe(strip);
    return () => observer.disconnect();
  }, []);
  return ref;
}
