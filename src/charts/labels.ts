import { forceSimulation, forceX, forceY, type SimulationNodeDatum } from 'd3';

/**
 * Label placement for point charts: a pure, deterministic function from points in pixel space to
 * label boxes that overlap neither each other, nor the points, nor any given obstacle. It runs a
 * d3-force simulation (Bostock et al., d3-force: velocity Verlet with forceX/forceY pulling each label
 * to its preferred spot beside its point) with a rectangle-collision force on the estimated label
 * boxes, for a fixed number of ticks and from fixed starting positions, so Node and the browser
 * produce the same positions. No randomness is involved.
 */

/** An axis-aligned box in pixels. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A point to label, in pixels, with the size of its label's box. */
export interface LabelRequest {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Preferred side of the point (default right). */
  side?: 'left' | 'right';
}

/** A placed label: the centre of its box, the box, and whether it left its preferred spot. */
export interface PlacedLabel {
  x: number;
  y: number;
  box: Box;
  moved: boolean;
}

export interface PlacementOptions {
  /** Labels stay inside this box (the plot's frame). */
  bounds: Box;
  /** Boxes labels must not cover (e.g. quadrant names). */
  obstacles?: Box[];
  /** Radius of the points' markers: labels do not cover any point. */
  pointRadius?: number;
  /** Gap between a point's marker and its label's preferred spot (beside it, on its side). */
  gap?: number;
  /** Free space kept between boxes. */
  padding?: number;
  /** Simulation ticks (fixed for determinism). */
  ticks?: number;
}

/** Estimated width of a text at a font size: ≈ 0.6 em per Latin character, 1 em per CJK (full-width) character. */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += isWide(ch.codePointAt(0)!) ? 1 : 0.6;
  return em * fontSize;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) || // Hangul Jamo
    (cp >= 0x2e80 && cp <= 0xa4cf) || // CJK radicals … Yi (includes CJK punctuation, kana, unified ideographs)
    (cp >= 0xac00 && cp <= 0xd7a3) || // Hangul syllables
    (cp >= 0xf900 && cp <= 0xfaff) || // CJK compatibility ideographs
    (cp >= 0xfe30 && cp <= 0xfe4f) || // CJK compatibility forms
    (cp >= 0xff00 && cp <= 0xff60) || // full-width forms
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd) // CJK extensions B…
  );
}

/** Whether two boxes overlap (touching edges do not count). */
export function boxesOverlap(a: Box, b: Box): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

interface Node extends SimulationNodeDatum {
  x: number;
  y: number;
  vx: number;
  vy: number;
  /** Half width and half height of the box. */
  hw: number;
  hh: number;
  /** Preferred centre. */
  tx: number;
  ty: number;
  fixed: boolean;
}

/**
 * Rectangle collision as a d3-force force: every overlapping pair (boxes grown by `padding`) is pushed
 * apart along the axis of least overlap, the push shared between the movable nodes (fixed nodes —
 * points, obstacles — never move). Pairs are visited in index order; ties in direction are broken by
 * index, so the result does not depend on any random jiggle.
 */
function forceRectCollide(padding: number, strength: number) {
  let nodes: Node[] = [];
  const force = (alpha: number) => {
    void alpha;
    for (let i = 0; i < nodes.length; i++) {
      const a = nodes[i]!;
      for (let j = i + 1; j < nodes.length; j++) {
        const b = nodes[j]!;
        if (a.fixed && b.fixed) continue;
        separate(a, b, padding, strength, true);
      }
    }
  };
  force.initialize = (n: Node[]) => {
    nodes = n;
  };
  return force;
}

/** Pushes a pair apart (via velocities when `viaVelocity`, else positions); true when they overlapped. */
function separate(a: Node, b: Node, padding: number, strength: number, viaVelocity: boolean): boolean {
  const ax = viaVelocity ? a.x + a.vx : a.x;
  const ay = viaVelocity ? a.y + a.vy : a.y;
  const bx = viaVelocity ? b.x + b.vx : b.x;
  const by = viaVelocity ? b.y + b.vy : b.y;
  const dx = bx - ax;
  const dy = by - ay;
  const ox = a.hw + b.hw + padding - Math.abs(dx);
  const oy = a.hh + b.hh + padding - Math.abs(dy);
  if (ox <= 1e-9 || oy <= 1e-9) return false;
  const share = a.fixed ? [0, 1] : b.fixed ? [1, 0] : [0.5, 0.5];
  // Labels are wide and short: moving vertically is usually the cheaper way out.
  if (oy <= ox) {
    const s = (dy > 0 ? 1 : dy < 0 ? -1 : 1) * oy * strength;
    if (viaVelocity) {
      a.vy -= s * share[0]!;
      b.vy += s * share[1]!;
    } else {
      a.y -= s * share[0]!;
      b.y += s * share[1]!;
    }
  } else {
    const s = (dx > 0 ? 1 : dx < 0 ? -1 : 1) * ox * strength;
    if (viaVelocity) {
      a.vx -= s * share[0]!;
      b.vx += s * share[1]!;
    } else {
      a.x -= s * share[0]!;
      b.x += s * share[1]!;
    }
  }
  return true;
}

function clamp(node: Node, bounds: Box): void {
  if (node.fixed) return;
  node.x = Math.min(Math.max(node.x, bounds.x0 + node.hw), bounds.x1 - node.hw);
  node.y = Math.min(Math.max(node.y, bounds.y0 + node.hh), bounds.y1 - node.hh);
}

function boxOf(node: Node): Box {
  return { x0: node.x - node.hw, y0: node.y - node.hh, x1: node.x + node.hw, y1: node.y + node.hh };
}

/** Places one label per point; see the module comment. */
export function placeLabels(points: LabelRequest[], options: PlacementOptions): PlacedLabel[] {
  const { bounds, obstacles = [], pointRadius = 5, gap = 4, padding = 2, ticks = 300 } = options;
  const labels: Node[] = points.map((p) => {
    const offset = pointRadius + gap + p.width / 2;
    const tx = p.side === 'left' ? p.x - offset : p.x + offset;
    return { x: tx, y: p.y, vx: 0, vy: 0, hw: p.width / 2, hh: p.height / 2, tx, ty: p.y, fixed: false };
  });
  for (const l of labels) clamp(l, bounds);
  const still = (x: number, y: number, hw: number, hh: number): Node => ({ x, y, fx: x, fy: y, vx: 0, vy: 0, hw, hh, tx: x, ty: y, fixed: true });
  const markers = points.map((p) => still(p.x, p.y, pointRadius, pointRadius));
  const blocks = obstacles.map((o) => still((o.x0 + o.x1) / 2, (o.y0 + o.y1) / 2, (o.x1 - o.x0) / 2, (o.y1 - o.y0) / 2));
  const nodes = [...labels, ...markers, ...blocks];

  const simulation = forceSimulation<Node>(nodes)
    .stop()
    .alpha(1)
    .alphaMin(0)
    // A literal decay (≈ 1 − 0.001^(1/300), d3's default) rather than Math.pow, whose last bits may differ between JS engines.
    .alphaDecay(0.0228)
    .velocityDecay(0.4)
    .force('x', forceX<Node>((d) => d.tx).strength((d) => (d.fixed ? 0 : 0.08)))
    .force('y', forceY<Node>((d) => d.ty).strength((d) => (d.fixed ? 0 : 0.12)))
    .force('collide', forceRectCollide(padding, 0.7));
  for (let t = 0; t < ticks; t++) {
    simulation.tick();
    for (const l of labels) clamp(l, bounds);
  }

  // Relaxation: the same collision rule applied to positions alone, until no pair overlaps (or a
  // fixed number of rounds), so the result is free of overlaps whenever there is room.
  for (let round = 0; round < 500; round++) {
    let overlaps = false;
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i]!;
        const b = nodes[j]!;
        if (a.fixed && b.fixed) continue;
        if (separate(a, b, padding, 1, false)) overlaps = true;
      }
    }
    for (const l of labels) clamp(l, bounds);
    if (!overlaps) break;
  }

  return labels.map((l) => ({ x: l.x, y: l.y, box: boxOf(l), moved: Math.hypot(l.x - l.tx, l.y - l.ty) > 1 }));
}
