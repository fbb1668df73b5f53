import { useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { actions } from '../../actions';
import { surfaceById, type Surface } from '../../engine/paths/surfaces';
import { getPaths, usePaths, type PathsState } from '../../state/paths';
import { background as contourBackground } from './background';
import { drawFrame } from './drawFrame';
import { formatValue, plotGeometry, tidyPoint, toData } from './geometry';

/**
 * The contour plot with the paths. Contours are computed in a worker and drawn once per surface;
 * after that each change of the paths state (a new frame while playing) only copies them and draws
 * the polylines, from a store subscription, without a React render.
 */
export function PathsPlot() {
  const { t } = useTranslation();
  const surfaceId = usePaths((s) => s.surface);
  const surface = surfaceById(surfaceId);
  const g = useMemo(() => plotGeometry(surface.view), [surface]);
  const dpr = typeof window !== 'undefined' ? Math.min(window.devicePixelRatio || 1, 2) : 1;
  const [drawnBackground, setBackground] = useState<{ surface: Surface; canvas: HTMLCanvasElement } | null>(null);
  const background = drawnBackground?.surface === surface ? drawnBackground.canvas : null;
  useEffect(() => {
    let live = true;
    contourBackground(surface, g, dpr).then(
      (canvas) => live && setBackground({ surface, canvas }),
      () => undefined, // the paths are still drawn, on white
    );
    return () => {
      live = false;
    };
  }, [surface, g, dpr]);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<[number, number] | null>(null);
  const labels = useMemo(() => ({ minimum: t('paths.minimum'), saddle: t('paths.saddlePoint'), start: t('paths.startMarker') }), [t]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    canvas.width = Math.round(g.width * dpr);
    canvas.height = Math.round(g.height * dpr);
    let drawn: Partial<PathsState> = {};
    const draw = (s: PathsState) => {
      // Redraw only for what the picture shows (not for status messages).
      if (s.frame === drawn.frame && s.result === drawn.result && s.rows === drawn.rows && s.start === drawn.start) return;
      drawn = s;
      drawFrame(ctx, { g, background, dpr, surface, start: s.start, rows: s.rows, result: s.result, frame: s.frame, labels });
    };
    draw(getPaths());
    return usePaths.subscribe(draw);
  }, [background, g, dpr, surface, labels]);

  // offsetX/Y and clientWidth/Height leave out the border; the canvas may be shrunk by CSS.
  const dataPoint = (e: MouseEvent<HTMLCanvasElement>): [number, number] => {
    const c = e.currentTarget;
    return toData(g, (e.nativeEvent.offsetX * g.width) / c.clientWidth, (e.nativeEvent.offsetY * g.height) / c.clientHeight);
  };

  const name = t(`paths.surfaces.${surface.id}`);
  return (
    <figure className="paths-plot">
      <canvas
        ref={canvasRef}
        style={{ width: g.width, maxWidth: '100%', aspectRatio: `${g.width} / ${g.height}` }}
        role="img"
        aria-label={t('paths.plot', { surface: name })}
        title={t('paths.clickHint')}
        data-testid="paths-canvas"
        onClick={(e) => {
          // A new start point is a new picture: play it from the beginning (once it is traced).
          actions.setPathStart.perform(tidyPoint(g, dataPoint(e)));
          actions.playPaths.perform();
        }}
        onMouseMove={(e) => setHover(dataPoint(e))}
        onMouseLeave={() => setHover(null)}
      />
      <figcaption className="muted paths-readout">
        {hover
          ? `x = ${formatValue(hover[0])}, y = ${formatValue(hover[1])}, f = ${formatValue(surface.value(hover[0], hover[1]))}`
          : t('paths.clickHint')}
      </figcaption>
    </figure>
  );
}
