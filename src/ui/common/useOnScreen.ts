import { useEffect, useRef, useState, type RefObject } from 'react';

/**
 * Whether the element is on screen (or within `margin` of it). Live views off screen skip their updates:
 * a chart nobody can see still costs a render, a commit and SVG layout on every refresh.
 */
export function useOnScreen<T extends Element>(margin = '200px'): [RefObject<T | null>, boolean] {
  const ref = useRef<T | null>(null);
  const [onScreen, setOnScreen] = useState(true);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => setOnScreen(entries.some((e) => e.isIntersecting)), { rootMargin: margin });
    observer.observe(el);
    return () => observer.disconnect();
  }, [margin]);
  return [ref, onScreen];
}
