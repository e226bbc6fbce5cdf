/**
 * A chart built as an SVG string in shared/ (the Compare and Experiment charts), shown with
 * buttons that save it as SVG or PNG. `<ChartFigure name="time-vs-batch" svg={timeChart(c)} />`.
 */
import { downloadBlob, svgToPng } from './download';

export function ChartFigure({ name, svg }: { name: string; svg: string }) {
  return (
    <figure className="compare__chart" data-chart={name}>
      {/* Built by shared/ (compare/charts.ts, experiment/chart.ts), every label escaped. */}
      <div dangerouslySetInnerHTML={{ __html: svg }} />
      <figcaption>
        <button type="button" aria-label={`Save ${name} as SVG`} onClick={() => downloadBlob(new Blob([svg], { type: 'image/svg+xml' }), `${name}.svg`)}>
          SVG
        </button>
        <button type="button" aria-label={`Save ${name} as PNG`} onClick={() => void svgToPng(svg).then((png) => downloadBlob(png, `${name}.png`))}>
          PNG
        </button>
      </figcaption>
    </figure>
  );
}
