import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../engine/train/memory';
import { sayMemoryProblem } from '../../i18n/memoryText';
import { editorMemory } from '../../state/memory';
import { useApp } from '../../state/store';

/** What the editor's run needs in memory on this backend; when it cannot fit, what to shrink (Train stays off). */
export function MemoryNote() {
  const { t } = useTranslation();
  const memory = useApp(editorMemory);
  if (!memory) return null;
  if (memory.problem) {
    return (
      <p className="error" role="alert" data-testid="memory-problem">
        {sayMemoryProblem(t, memory.problem)}
      </p>
    );
  }
  return (
    <p className="muted" data-testid="memory-estimate">
      {t('memory.estimate', { need: formatBytes(memory.estimate.totalBytes), budget: formatBytes(memory.budget.bytes), backend: memory.budget.backend })}
    </p>
  );
}
