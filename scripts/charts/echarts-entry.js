// The chart library for the browser, built by scripts/setup.sh with esbuild into
// public/js/echarts.js (git-ignored). Only what the portal's charts use is bundled, so the
// script is a fraction of echarts.min.js; the wasm (charming's WasmRenderer) calls the
// global `echarts` this file defines. Pages load it only when they show a chart.
import * as echarts from "echarts/core";
import { BarChart, LineChart } from "echarts/charts";
import {
  AriaComponent,
  GridComponent,
  MarkLineComponent,
  TooltipComponent,
} from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([BarChart, LineChart, AriaComponent, GridComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);
window.echarts = echarts;
