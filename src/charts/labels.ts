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

/** A left margin that holds the longest category label at Plot's 10 px (between 60 and 240 px; longer labels are cut by the axis). */
export function categoryMargin(labels: readonly unknown[]): number {
  const widest = Math.max(0, ...labels.map((l) => textWidth(String(l ?? ''), 10)));
  return Math.round(Math.min(240, Math.max(60, widest + 16)));
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
  // The shares of the push (scalars: this runs for every pair on every tick).
  const shareA = a.fixed ? 0 : b.fixed ? 1 : 0.5;
  const shareB = a.fixed ? 1 : b.fixed ? 0 : 0.5;
  // Labels are wide and short: moving vertically is usually the cheaper way out.
  if (oy <= ox) {
    const s = (dy > 0 ? 1 : dy < 0 ? -1 : 1) * oy * strength;
    if (viaVelocity) {
      a.vy -= s * shareA;
      b.vy += s * shareB;
    } else {
      a.y -= s * shareA;
      b.y += s * shareB;
    }
  } else {
    const s = (dx > 0 ? 1 : dx < 0 ? -1 : 1) * ox * strength;
    if (viaVelocity) {
      a.vx -= s * shareA;
      b.vx += s * shareB;
    } else {
      a.x -= s * shareA;
      b.x += s * shareB;
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

  resolve(points, labels, [...markers, ...blocks].map(boxOf), bounds, pointRadius, gap, padding);

  return labels.map((l) => ({ x: l.x, y: l.y, box: boxOf(l), moved: Math.hypot(l.x - l.tx, l.y - l.ty) > 1 }));
}

/** Whether two boxes come closer than `padding` (touching at exactly `padding` does not count). */
function near(a: Box, b: Box, padding: number): boolean {
  return a.x0 < b.x1 + padding && b.x0 < a.x1 + padding && a.y0 < b.y1 + padding && b.y0 < a.y1 + padding;
}

function inside(box: Box, bounds: Box): boolean {
  return box.x0 >= bounds.x0 && box.x1 <= bounds.x1 && box.y0 >= bounds.y0 && box.y1 <= bounds.y1;
}

/** Distance from a point to the nearest point of a box (the length of a leader line). */
function reach(x: number, y: number, box: Box): number {
  return Math.hypot(x - Math.min(Math.max(x, box.x0), box.x1), y - Math.min(Math.max(y, box.y0), box.y1));
}

/**
 * Candidate centres for a label around its point, in order of preference: beside the point on its
 * preferred side, then the other side, above, below, and the diagonals, at growing distances and
 * stacked rows above and below. Fixed offsets only, so the list is deterministic.
 */
function candidatesOf(p: LabelRequest, hw: number, hh: number, pointRadius: number, gap: number, padding: number): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  const sx = pointRadius + gap + hw; // centre offset beside the point
  const sy = pointRadius + gap + hh; // centre offset above / below the point
  const row = 2 * hh + padding; // one label row
  const first = p.side === 'left' ? -1 : 1;
  for (let ring = 0; ring <= 10; ring++) {
    const ex = ring * 12; // horizontal step away from the point
    const ey = ring * row;
    for (const side of [first, -first]) {
      // Beside the point, shifted by whole rows up and down (a column of labels).
      for (let k = 0; k <= 12; k++) for (const s of k === 0 ? [0] : [-1, 1]) out.push({ x: p.x + side * (sx + ex), y: p.y + s * k * (row / 2) });
    }
    // Above and below, shifted sideways.
    for (const v of [-1, 1]) for (let k = 0; k <= 8; k++) for (const s of k === 0 ? [0] : [first, -first]) out.push({ x: p.x + s * k * hw * 0.5, y: p.y + v * (sy + ey) });
    // Diagonals.
    for (const h of [first, -first]) for (const v of [-1, 1]) out.push({ x: p.x + h * (sx + ex), y: p.y + v * (sy + ey) });
  }
  return out;
}

/**
 * Final resolution pass: labels are visited in order; a label that overlaps an earlier label, a point
 * or an obstacle (with `padding`) moves to the free candidate nearest its point (shortest leader, ties
 * in candidate order), preferring spots clear of every other label, else clear of the earlier ones
 * (the later ones are visited next). After the pass, no two labels overlap whenever a free spot was
 * found for each. Deterministic: fixed candidates, fixed order.
 */
function resolve(points: LabelRequest[], labels: Node[], fixed: Box[], bounds: Box, pointRadius: number, gap: number, padding: number): void {
  const boxes = labels.map(boxOf);
  const hitsFixed = (box: Box) => fixed.some((f) => near(box, f, padding));
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    const clash = (box: Box, upTo: number) => {
      for (let j = 0; j < upTo; j++) if (j !== i && near(box, boxes[j]!, padding)) return true;
      return false;
    };
    if (!clash(boxes[i]!, i) && !hitsFixed(boxes[i]!) && inside(boxes[i]!, bounds)) continue;
    const p = points[i]!;
    let best: { x: number; y: number; box: Box; cost: number; strict: boolean } | undefined;
    for (const c of candidatesOf(p, l.hw, l.hh, pointRadius, gap, padding)) {
      const box = { x0: c.x - l.hw, y0: c.y - l.hh, x1: c.x + l.hw, y1: c.y + l.hh };
      if (!inside(box, bounds) || hitsFixed(box) || clash(box, i)) continue;
      const strict = !clash(box, labels.length);
      const cost = reach(p.x, p.y, box);
      // Spots clear of every label first; among them (or among the rest), the shortest leader.
      if (!best || (strict && !best.strict) || (strict === best.strict && cost < best.cost - 1e-9)) best = { ...c, box, cost, strict };
    }
    if (!best) continue;
    l.x = best.x;
    l.y = best.y;
    boxes[i] = best.box;
  }
}
