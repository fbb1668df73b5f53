import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { SubsetPreview } from '../../engine/session';

// Memoised: the panel re-renders when training starts or ends, and a recharts chart is costly to re-render.
export const ClassHistogram = memo(function ClassHistogram({ preview, classNames }: { preview: SubsetPreview; classNames: string[] }) {
  const { t } = useTranslation();
  const data = classNames.map((name, i) => ({
    name,
    train: preview.histograms.train[i],
    validation: preview.histograms.validation[i],
    test: preview.histograms.test[i],
  }));
  return (
    <div className="histogram" data-testid="class-histogram">
      <h3>{t('dataset.histogram')}</h3>
      <ResponsiveContainer width="100%" height={280}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tick={{ fontSize: 10 }} />
          <YAxis type="category" dataKey="name" interval={0} width={78} tick={{ fontSize: 10 }} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          <Bar dataKey="train" name={t('dataset.train')} stackId="a" fill="#4e79a7" isAnimationActive={false} />
          <Bar dataKey="validation" name={t('dataset.validation')} stackId="a" fill="#f28e2b" isAnimationActive={false} />
          <Bar dataKey="test" name={t('dataset.test')} stackId="a" fill="#59a14f" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
});
