/**
 * What the notebook may use of the charts: check a chart spec against its data, draw it, and
 * describe it for screen readers. The notebook imports charts through this module only (a test
 * holds it to that); the chart types themselves are listed in registry.ts.
 */
export { accessibleMarkup, chartSummary } from './accessible.ts';
export { chartIsEmpty, chartProblem, drawingWidth, renderChart, renderDataTable, renderResultTable } from './render.ts';
export { chartOptionProblem, unknownChartOption } from './options.ts';
