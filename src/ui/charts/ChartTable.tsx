import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunLines, XAxisMode } from './runSeries';

// The figures a chart draws, as a table: what a screen reader (or a student copying numbers) gets instead
// of the lines. Rendered only while open, so live training pays nothing for it when closed.

/** A chart's validation points per run (one a row), and each run's last smoothed training value. */
export function ChartTable({ lines, percent, mode, caption }: { lines: RunLines[]; percent: boolean; mode: XAxisMode; caption: string }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const locale = i18n.language === 'zh' ? 'zh-CN' : 'en-US';
  const value = (y: number) => (percent ? `${(y * 100).toLocaleString(locale, { maximumFractionDigits: 1 })} %` : y.toLocaleString(locale, { maximumSignificantDigits: 4 }));
  const x = (v: number) => v.toLocaleString(locale, { maximumFractionDigits: 2 });
  return (
    <details className="chart-table" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>{t('charts.table.show')}</summary>
      {open ? (
        <table className="run-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('charts.table.run')}</th>
              <th scope="col">{t('charts.table.kind')}</th>
              <th scope="col">{t(`charts.x.${mode}`)}</th>
              <th scope="col" className="num">{t('charts.table.value')}</th>
            </tr>
          </thead>
          <tbody>
            {lines.flatMap((l) => {
              const last = l.train.at(-1);
              return [
                ...l.validation.map((p, i) => (
                  <tr key={`${l.id}-v${i}`}>
                    <th scope="row">{l.name}</th>
                    <td>{t('charts.table.validation')}</td>
                    <td className="num">{x(p.x)}</td>
                    <td className="num">{value(p.y)}</td>
                  </tr>
                )),
                ...(last
                  ? [
                      <tr key={`${l.id}-t`}>
                        <th scope="row">{l.name}</th>
                        <td>{t('charts.table.lastTraining')}</td>
                        <td className="num">{x(last.x)}</td>
                        <td className="num">{value(last.y)}</td>
                      </tr>,
                    ]
                  : []),
              ];
            })}
          </tbody>
        </table>
      ) : null}
    </details>
  );
}
