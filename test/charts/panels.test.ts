// One way to lay out panels: grouping in first-appearance order, a grid as wide as fits, reading-order places.
import { describe, expect, it } from 'vitest';
import { panelColumns } from '../../src/charts/ipa.ts';
import { panelGrid as heatmapGrid } from '../../src/charts/heatmap.ts';
import { groupPanels, panelGrid, panelPlace } from '../../src/charts/panels.ts';

describe('panels', () => {
  it('groups rows by key, the groups in the order their first row appears, each keeping its rows in order', () => {
    const rows = [{ b: 'icbc', v: 1 }, { b: 'cmb', v: 2 }, { b: 'icbc', v: 3 }, { b: 'pingan', v: 4 }, { b: 'cmb', v: 5 }];
    const groups = groupPanels(rows, (r) => String(r.b));
    expect([...groups.keys()]).toEqual(['icbc', 'cmb', 'pingan']);
    expect(groups.get('icbc')!.map((r) => r.v)).toEqual([1, 3]);
    expect(groups.get('cmb')!.map((r) => r.v)).toEqual([2, 5]);
    expect(groupPanels([], () => 'x').size).toBe(0);
  });

  it('puts as many panels on a row as fit at their least width, at most `max`, never none', () => {
    expect(panelGrid(5, 640, { min: 150, gap: 18 })).toEqual({ perRow: 3, rows: 2 });
    expect(panelGrid(5, 100, { min: 150, gap: 18 })).toEqual({ perRow: 1, rows: 5 });
    expect(panelGrid(2, 2000, { min: 150, gap: 18 })).toEqual({ perRow: 2, rows: 1 });
    expect(panelGrid(7, 1000, { min: 250, max: 2 })).toEqual({ perRow: 2, rows: 4 });
    expect(panelGrid(0, 640, { min: 150 }).perRow).toBe(1);
  });

  it('places panels in reading order', () => {
    expect([0, 1, 2, 3, 4].map((i) => panelPlace(i, 2))).toEqual([
      { col: 0, line: 0 },
      { col: 1, line: 0 },
      { col: 0, line: 1 },
      { col: 1, line: 1 },
      { col: 0, line: 2 },
    ]);
  });

  it('the grid and the heatmap lay out with it: two grids per row from 500 px, heatmap panels of at least 150 px', () => {
    expect([499, 500, 640, 1200].map((w) => panelColumns(w, 3))).toEqual([1, 2, 2, 2]);
    expect(panelColumns(640, 1)).toBe(1);
    expect(panelColumns(640, 3, 1)).toBe(1);
    expect(heatmapGrid(4, 330)).toEqual({ perRow: 2, rows: 2 });
    expect(heatmapGrid(4, 317)).toEqual({ perRow: 1, rows: 4 });
  });
});
