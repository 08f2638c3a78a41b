/** Pan (drag the background) and zoom (wheel, around the pointer) for an SVG viewport group. */
import { win, type El } from './dom.js';
import { FAR_SCALE } from './graph-svg.js';

export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export interface FitOptions {
  /**
   * Never fit below this scale (small graphs stay readable): a wider graph then starts at its
   * left edge (sources first) and pans; a taller one at its top.
   */
  minScale?: number;
  /** Never enlarge beyond this (default 1.2). */
  maxScale?: number;
}

export interface PanZoom {
  fit(): void;
  /** True right after a drag, so the click that ends it does not count as a click. */
  dragged(): boolean;
  readonly scale: number;
  /** Pans (keeping the scale) so the graph point (px, py) sits at canvas point (sx, sy). */
  panTo(px: number, py: number, sx: number, sy: number): void;
  /** Where the graph point (px, py) is on the canvas now. */
  toScreen(px: number, py: number): { x: number; y: number };
}

const MIN_SCALE = 0.03;
const MAX_SCALE = 3;

export function attachPanZoom(container: El, svgEl: El, viewport: El, bounds: Bounds, fitOptions: FitOptions = {}, onChange?: (k: number, x: number, y: number) => void): PanZoom {
  let k = 1;
  let x = 0;
  let y = 0;
  let drag: { px: number; py: number; x: number; y: number; moved: boolean } | undefined;
  let wasDrag = false;
  const apply = (): void => {
    viewport.setAttribute('transform', `translate(${x.toFixed(1)},${y.toFixed(1)}) scale(${k.toFixed(4)})`);
    // Labels are unreadable when small; hiding them keeps big graphs fast to repaint.
    svgEl.classList.toggle('far', k < FAR_SCALE);
    if (onChange && !pending) {
      // The level-of-detail overlay follows at most once a frame.
      pending = true;
      win().requestAnimationFrame(() => {
        pending = false;
        onChange(k, x, y);
      });
    }
  };
  let pending = false;
  const clamp = (v: number): number => Math.min(MAX_SCALE, Math.max(MIN_SCALE, v));
  svgEl.addEventListener('wheel', (e) => {
    e.preventDefault();
    const r = svgEl.getBoundingClientRect();
    const cx = e.clientX - r.left;
    const cy = e.clientY - r.top;
    const next = clamp(k * Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015)));
    x = cx - ((cx - x) * next) / k;
    y = cy - ((cy - y) * next) / k;
    k = next;
    apply();
  }, { passive: false });
  svgEl.addEventListener('pointerdown', (e) => {
    if (e.button !== 0 || e.target?.closest('.gnode')) return;
    drag = { px: e.clientX, py: e.clientY, x, y, moved: false };
    svgEl.setPointerCapture(e.pointerId);
  });
  svgEl.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const dx = e.clientX - drag.px;
    const dy = e.clientY - drag.py;
    if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
    x = drag.x + dx;
    y = drag.y + dy;
    apply();
  });
  const end = (): void => {
    wasDrag = drag?.moved === true;
    drag = undefined;
  };
  svgEl.addEventListener('pointerup', end);
  svgEl.addEventListener('pointercancel', end);
  return {
    fit() {
      const W = container.clientWidth || 800;
      const H = container.clientHeight || 600;
      const bw = bounds.maxX - bounds.minX;
      const bh = bounds.maxY - bounds.minY;
      k = clamp(Math.max(Math.min(W / bw, H / bh, fitOptions.maxScale ?? 1.2), fitOptions.minScale ?? 0));
      // Centred when it fits; otherwise from the left (the sources) and the top.
      x = bw * k <= W ? (W - bw * k) / 2 - bounds.minX * k : -bounds.minX * k;
      y = bh * k <= H ? (H - bh * k) / 2 - bounds.minY * k : -bounds.minY * k;
      apply();
    },
    dragged() {
      const d = wasDrag;
      wasDrag = false;
      return d;
    },
    get scale() {
      return k;
    },
    panTo(px, py, sx, sy) {
      x = sx - px * k;
      y = sy - py * k;
      apply();
    },
    toScreen: (px, py) => ({ x: x + px * k, y: y + py * k }),
  };
}
