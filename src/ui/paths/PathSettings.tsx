import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { actions } from '../../actions';
import { rateKey } from '../../engine/paths/defaults';
import { MAX_PATH_OPTIMIZERS, MAX_PATH_STEPS } from '../../engine/paths/request';
import { SURFACE_IDS, surfaceById, type SurfaceId } from '../../engine/paths/surfaces';
import { schemaProblems } from '../../engine/train/configProblems';
import { OPTIMIZER_TYPES, optimizerSpecSchema, type OptimizerType } from '../../engine/train/optimizerSpec';
import { sayFieldProblem } from '../../i18n/fieldProblemText';
import { usePaths, type PathRow } from '../../state/paths';
import { NumberField } from '../common/NumberField';

/** What to trace: the surface, the start point, the number of steps and the optimizers. */
export function PathSettings() {
  const { t } = useTranslation();
  const s = usePaths(useShallow((p) => ({ surface: p.surface, start: p.start, steps: p.steps, rows: p.rows })));
  const surface = surfaceById(s.surface);
  const stepsOk = Number.isInteger(s.steps) && s.steps >= 1 && s.steps <= MAX_PATH_STEPS;
  return (
    <div className="paths-settings">
      <label className="field">
        <span>{t('paths.surface')}</span>
        <select data-testid="paths-surface" value={s.surface} onChange={(e) => actions.choosePathSurface.perform(e.target.value as SurfaceId)}>
          {SURFACE_IDS.map((id) => (
            <option key={id} value={id}>
              {t(`paths.surfaces.${id}`)}
            </option>
          ))}
        </select>
      </label>
      <p className="paths-formula" data-testid="paths-formula">
        {surface.formula}
      </p>
      <p className="muted">{t(`paths.surfaceHelp.${surface.id}`)}</p>
      <div className="row wrap">
        <NumberField label={t('paths.startX')} value={s.start[0]} step={0.1} width={6} testId="paths-start-x" onChange={(x) => Number.isFinite(x) && actions.setPathStart.perform([x, s.start[1]])} />
        <NumberField label={t('paths.startY')} value={s.start[1]} step={0.1} width={6} testId="paths-start-y" onChange={(y) => Number.isFinite(y) && actions.setPathStart.perform([s.start[0], y])} />
        <NumberField
          label={t('paths.steps')}
          value={s.steps}
          step={50}
          min={1}
          width={5}
          testId="paths-steps"
          error={stepsOk ? null : `1–${MAX_PATH_STEPS}`}
          onChange={(n) => actions.setPathSteps.perform(n)}
        />
      </div>
      <h3>{t('paths.optimizers')}</h3>
      <ul className="paths-rows">
        {s.rows.map((row) => (
          <OptimizerRow key={row.key} row={row} removable={s.rows.length > 1} />
        ))}
      </ul>
      <button type="button" data-testid="paths-add" disabled={s.rows.length >= MAX_PATH_OPTIMIZERS} onClick={() => actions.addPathOptimizer.perform()}>
        + {t('paths.add')}
      </button>
    </div>
  );
}

function OptimizerRow({ row, removable }: { row: PathRow; removable: boolean }) {
  const { t } = useTranslation();
  const key = rateKey(row.spec);
  // Said in the UI language, like the training panel's fields (the field shows it under itself).
  const problems = Object.entries(schemaProblems(optimizerSpecSchema, row.spec));
  const error = problems.length ? problems.map(([path, problem]) => sayFieldProblem(t, path, problem)).join('; ') : null;
  return (
    <li className="row" data-testid="paths-row">
      <span className="paths-swatch" style={{ background: row.color }} />
      <select
        aria-label={t('paths.optimizer')}
        data-testid="paths-row-type"
        value={row.spec.type}
        onChange={(e) => actions.choosePathOptimizer.perform({ key: row.key, type: e.target.value as OptimizerType })}
      >
        {OPTIMIZER_TYPES.map((type) => (
          <option key={type} value={type}>
            {t(`optimizer.${type}`)}
          </option>
        ))}
      </select>
      {key ? (
        <NumberField
          key={`${row.spec.type}-${key}`}
          label={t(`hyper.${key}`)}
          value={(row.spec as Record<string, number | string>)[key] as number}
          step={0.001}
          width={6}
          error={error}
          testId="paths-row-rate"
          onChange={(value) => actions.setPathRate.perform({ key: row.key, value })}
        />
      ) : (
        <span className="muted">{t('paths.ownSteps')}</span>
      )}
      <button type="button" disabled={!removable} title={t('paths.remove')} aria-label={t('paths.remove')} data-testid="paths-row-remove" onClick={() => actions.removePathOptimizer.perform(row.key)}>
        ✕
      </button>
    </li>
  );
}
