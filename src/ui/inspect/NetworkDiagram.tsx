import { memo, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import './inspect.css';
import type { ModelAnalysis } from '../../engine/spec/analyze';
import { layoutDiagram, type DiagramBlock } from './diagramLayout';
import { paramsText, shapeText } from './format';

interface NetworkDiagramProps {
  analysis: ModelAnalysis;
  selected: number | null;
  onSelect(layer: number): void;
}

const LABEL_LINES = 3;
const LINE = 13;

/**
 * The architecture left to right, the input first, one block per layer sized by its output shape and labelled
 * with type, shape and parameters. Pure from props: it redraws whenever the builder's analysis changes.
 * Blocks are SVG groups with role="button", reachable with Tab and pressed with Enter or Space.
 */
export const NetworkDiagram = memo(function NetworkDiagram({ analysis, selected, onSelect }: NetworkDiagramProps) {
  const { t, i18n } = useTranslation();
  const { blocks, width, height } = layoutDiagram(analysis);
  const base = height; // the blocks' bottom edge; labels go under it
  const svgHeight = base + LABEL_LINES * LINE + 8;
  return (
    <section className="inspect-view" data-testid="network-diagram">
      <h3>{t('inspect.diagram.title')}</h3>
      <p className="muted">{t('inspect.diagram.about')}</p>
      <div className="diagram-scroll">
        <svg width={width} height={svgHeight} viewBox={`0 0 ${width} ${svgHeight}`} role="group" aria-label={t('inspect.diagram.title')}>
          {blocks.map((b, i) => (
            <Block
              key={b.layer}
              block={b}
              base={base}
              next={blocks[i + 1]}
              selected={b.layer === selected}
              label={b.layer < 0 ? t('inspect.diagram.input') : t(`layer.${b.type}`, { defaultValue: b.type })}
              paramsLabel={t('inspect.diagram.params', { formatted: paramsText(b.params, i18n.language) })}
              onSelect={onSelect}
            />
          ))}
        </svg>
      </div>
    </section>
  );
});

interface BlockProps {
  block: DiagramBlock;
  base: number;
  next: DiagramBlock | undefined;
  selected: boolean;
  label: string;
  paramsLabel: string;
  onSelect(layer: number): void;
}

function Block({ block: b, base, next, selected, label, paramsLabel, onSelect }: BlockProps) {
  const left = b.x + (b.column - b.width - b.depth) / 2;
  const top = base - b.height;
  const shape = b.shape ? shapeText(b.shape) : '?';
  const cx = b.x + b.column / 2;
  const interactive = b.layer >= 0;
  const press = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(b.layer);
    }
  };
  const kind = b.shape === null ? ' unknown' : b.flat ? ' flat' : '';
  return (
    <g
      className={`diagram-block${kind}${selected ? ' selected' : ''}${b.layer < 0 ? ' input' : ''}`}
      data-testid="diagram-block"
      data-layer={b.layer < 0 ? 'input' : b.layer}
      data-shape={shape}
      data-params={b.params}
      role={interactive ? 'button' : undefined}
      tabIndex={interactive ? 0 : undefined}
      aria-pressed={interactive ? selected : undefined}
      aria-label={`${label}, ${shape}, ${paramsLabel}`}
      onClick={interactive ? () => onSelect(b.layer) : undefined}
      onKeyDown={interactive ? press : undefined}
    >
      {/* The whole column answers a click, labels and the gaps between them included. */}
      <rect className="diagram-hit" x={b.x} y={top - b.depth * 0.6} width={b.column} height={base + 3 * LINE - top + b.depth * 0.6 + 4} fill="transparent" />
      {b.depth > 0 && (
        <>
          {/* The top and right faces of the box, drawn first so the front covers their edges. */}
          <polygon className="face-top" points={`${left},${top} ${left + b.depth},${top - b.depth * 0.6} ${left + b.width + b.depth},${top - b.depth * 0.6} ${left + b.width},${top}`} />
          <polygon className="face-side" points={`${left + b.width},${top} ${left + b.width + b.depth},${top - b.depth * 0.6} ${left + b.width + b.depth},${base - b.depth * 0.6} ${left + b.width},${base}`} />
        </>
      )}
      <rect className="face-front" x={left} y={top} width={b.width} height={b.height} />
      {next && <line className="diagram-link" x1={left + b.width + b.depth + 2} y1={base - 4} x2={next.x + (next.column - next.width - next.depth) / 2 - 2} y2={base - 4} />}
      <text x={cx} y={base + LINE} textAnchor="middle" className="diagram-type">
        {label}
      </text>
      <text x={cx} y={base + 2 * LINE} textAnchor="middle" className="diagram-shape">
        {shape}
      </text>
      <text x={cx} y={base + 3 * LINE} textAnchor="middle" className="diagram-params">
        {b.layer < 0 ? '' : paramsLabel}
      </text>
    </g>
  );
}
