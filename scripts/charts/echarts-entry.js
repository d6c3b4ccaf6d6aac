// The chart library for the browser, built by scripts/setup.sh with esbuild into
// public/js/echarts.js (git-ignored). Only what the portal's charts use is bundled (the usage
// chart: bars on a grid with a tooltip; the console's dashboard: a donut with its legend, a
// line and bars), so the script is a fraction of echarts.min.js; the wasm (charming's
// WasmRenderer) calls the global `echarts` this file defines. Pages load it only when they
// show a chart. ECharts' core alone is ~160 KB gzip of the bundle.
import * as echarts from "echarts/core";
import { BarChart, LineChart, PieChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);
window.echarts = echarts;
