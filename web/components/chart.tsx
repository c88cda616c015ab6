import { BarChart, LineChart, PieChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;

/** A bar chart of counts by name. */
export const bars = (names: string[], values: number[]): ChartOption => ({
  tooltip: { trigger: "axis" },
  grid: { left: 40, right: 16, top: 16, bottom: 60 },
  xAxis: { type: "category", data: names, axisLabel: { rotate: names.length > 5 ? 30 : 0 } },
  yAxis: { type: "value", minInterval: 1 },
  series: [{ type: "bar", data: values, barMaxWidth: 40 }],
});

/** An ECharts chart that follows its option and the window's size. */
export function Chart({
  option,
  height = 300,
  testId,
}: {
  option: ChartOption;
  height?: number;
  testId?: string;
}) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const instance = echarts.init(element.current!);
    chart.current = instance;
    const resize = () => instance.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  return <div ref={element} style={{ width: "100%", height }} data-testid={testId} />;
}
