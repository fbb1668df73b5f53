import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { actions } from '../../actions';
import type { PickedFile } from '../../actions/ownDatasetActions';
import { OWN_INPUT_SIZES, OWN_LIMITS, OWN_SHAPES, TEST_EVERY, ownImageSize, type OwnClass, type OwnInputSize } from '../../engine/data/userDatasets';
import { sayOwnNotice, sayOwnProblem } from '../../i18n/ownDatasetText';
import { isTraining, useApp } from '../../state/store';
import { useTransitionApp } from '../common/useTransitionApp';
import { SampleGrid } from '../dataset/SampleGrid';
import { droppedFiles, inputFiles } from './droppedFiles';
import './ownDataset.css';

// "Your own images": make a dataset from files (folders per class, images class by class, IDX pairs, CIFAR-10
// batches), look at it, rename and delete its classes and images. Choosing it for training is the dataset
// menu's job, as for the built-in datasets.

/** Thumbnails shown per class; the rest are counted. Each is a canvas, and a class may hold thousands. */
const THUMBS = 24;
/** Problems listed one by one; a folder of 500 unusable files is summed up after these. */
const MAX_PROBLEMS = 8;
const ACCEPT = 'image/png,image/jpeg,image/webp,.bin,.gz,.idx,.idx1-ubyte,.idx3-ubyte,application/octet-stream';

/** A hidden file input behind a button; `folder` picks a whole folder (its subfolders are the classes). */
function FilePicker({ label, folder, disabled, testId, onFiles }: { label: string; folder?: boolean; disabled: boolean; testId: string; onFiles(files: PickedFile[]): void }) {
  const ref = useRef<HTMLInputElement>(null);
  const folderProps = folder ? ({ webkitdirectory: '', directory: '' } as Record<string, string>) : {};
  return (
    <>
      <button type="button" disabled={disabled} onClick={() => ref.current?.click()}>
        {label}
      </button>
      <input
        ref={ref}
        type="file"
        multiple
        hidden
        accept={folder ? undefined : ACCEPT}
        data-testid={testId}
        {...folderProps}
        onChange={(e) => {
          const files = inputFiles(e.currentTarget);
          e.currentTarget.value = ''; // the same files chosen again are read again
          if (files.length > 0) onFiles(files);
        }}
      />
    </>
  );
}

function ClassRow({ c, index, size, disabled }: { c: OwnClass; index: number; size: OwnInputSize; disabled: boolean }) {
  const { t } = useTranslation();
  const [name, setName] = useState(c.name);
  const [shownFor, setShownFor] = useState(c.name);
  if (shownFor !== c.name) {
    // Renamed elsewhere (or refused): the field shows the stored name again.
    setShownFor(c.name);
    setName(c.name);
  }
  const bytes = ownImageSize(size);
  const shape = OWN_SHAPES[size];
  const count = c.sources.length;
  const rename = () => {
    if (name.trim() !== c.name) void actions.renameOwnClass.perform({ index, name });
  };
  return (
    <li className="own-class" data-testid="own-class">
      <div className="row wrap">
        <input
          aria-label={t('own.className')}
          data-testid="own-class-name"
          value={name}
          disabled={disabled}
          size={16}
          onChange={(e) => setName(e.target.value)}
          onBlur={rename}
          onKeyDown={(e) => {
            if (e.key === 'Enter') rename();
          }}
        />
        <span className="muted" data-testid="own-class-count">
          {t('own.imagesCount', { count })}
        </span>
        <FilePicker label={t('own.addToClass')} disabled={disabled} testId="own-class-files" onFiles={(files) => void actions.addOwnFiles.perform({ files: files.map((f) => ({ ...f, path: '' })), className: c.name })} />
        <button type="button" disabled={disabled} data-testid="own-delete-class" onClick={() => void actions.deleteOwnClass.perform(index)}>
          {t('own.deleteClass')}
        </button>
      </div>
      <div className="own-thumbs">
        {Array.from({ length: Math.min(THUMBS, count) }, (_, i) => (
          <span className="own-thumb" key={`${i}:${c.sources[i]}`} title={c.sources[i]}>
            <SampleGrid images={c.images.subarray(i * bytes, (i + 1) * bytes)} shape={shape} columns={1} scale={1.5} />
            <button
              type="button"
              className="own-thumb-delete"
              disabled={disabled}
              aria-label={t('own.deleteImage', { name: c.sources[i] })}
              title={t('own.deleteImage', { name: c.sources[i] })}
              onClick={() => void actions.deleteOwnImage.perform({ classIndex: index, imageIndex: i })}
            >
              ×
            </button>
          </span>
        ))}
        {count > THUMBS ? <span className="muted">{t('own.more', { count: count - THUMBS })}</span> : null}
      </div>
    </li>
  );
}

export function OwnDatasetPanel() {
  const { t } = useTranslation();
  const own = useApp((a) => a.own);
  const datasetId = useApp((a) => a.datasetId);
  const training = useTransitionApp(isTraining);
  const [name, setName] = useState('');
  const [size, setSize] = useState<OwnInputSize>('grey28');
  const [newClass, setNewClass] = useState('');
  const [dragging, setDragging] = useState(false);
  const disabled = training || own.busy;
  const editing = own.editing;
  const summary = editing ? own.list.find((d) => d.id === editing.id) : undefined;
  const add = (files: PickedFile[]) => void actions.addOwnFiles.perform({ files });
  const onDrop = async (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (disabled || !editing) return;
    add(await droppedFiles(e.dataTransfer));
  };
  const sizeLabel = (s: OwnInputSize) => t(`own.size.${s}`);
  return (
    <section className="panel" data-testid="own-dataset">
      <details open={own.list.length > 0 || editing !== null}>
        <summary>
          <h2 className="inline">{t('own.title')}</h2>
        </summary>
        <p className="muted" data-testid="own-limits">
          {t('own.limits', { classes: OWN_LIMITS.maxClasses, images: OWN_LIMITS.maxImages.toLocaleString(t('memory.locale') as string), perClass: OWN_LIMITS.minPerClass, every: TEST_EVERY })}
        </p>
        {own.list.length > 0 ? (
          <ul className="own-list">
            {own.list.map((d) => (
              <li key={d.id} data-testid="own-dataset-item" className={editing?.id === d.id ? 'selected' : undefined}>
                <strong>{d.name}</strong>{' '}
                <span className="muted">
                  {t('own.summary', { size: sizeLabel(d.size), images: d.images, classes: d.classNames.length })}
                  {d.id === datasetId ? ` · ${t('own.inUse')}` : ''}
                </span>{' '}
                <button type="button" data-testid="own-edit" disabled={own.busy} onClick={() => void actions.editOwnDataset.perform(editing?.id === d.id ? null : d.id)}>
                  {editing?.id === d.id ? t('own.close') : t('own.edit')}
                </button>
                <button type="button" data-testid="own-use" disabled={training || d.problems.length > 0 || d.id === datasetId} onClick={() => void actions.selectDataset.perform(d.id)}>
                  {t('own.use')}
                </button>
                <button type="button" data-testid="own-delete-dataset" disabled={disabled} onClick={() => void actions.removeOwnDataset.perform(d.id)}>
                  {t('own.deleteDataset')}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <div className="row wrap">
          <label className="inline">
            {t('own.name')}
            <input data-testid="own-name" value={name} placeholder={t('own.namePlaceholder')} size={18} onChange={(e) => setName(e.target.value)} />
          </label>
          <label className="inline">
            {t('own.inputSize')}
            <select data-testid="own-size" value={size} onChange={(e) => setSize(e.target.value as OwnInputSize)}>
              {OWN_INPUT_SIZES.map((s) => (
                <option key={s} value={s}>
                  {sizeLabel(s)}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            data-testid="own-create"
            disabled={disabled}
            onClick={() => {
              void actions.createOwnDataset.perform({ name: name || t('own.namePlaceholder'), size });
              setName('');
            }}
          >
            {t('own.create')}
          </button>
        </div>
        {editing ? (
          <div className="own-editor" data-testid="own-editor">
            <h3>
              {editing.name} <small className="muted">{sizeLabel(editing.size)}</small>
            </h3>
            <div
              className={`own-drop${dragging ? ' dragging' : ''}`}
              data-testid="own-drop"
              onDragOver={(e) => {
                e.preventDefault();
                setDragging(true);
              }}
              onDragLeave={() => setDragging(false)}
              onDrop={(e) => void onDrop(e)}
            >
              <p className="muted">{t('own.dropHint')}</p>
              <div className="row wrap">
                <FilePicker label={t('own.chooseFolder')} folder disabled={disabled} testId="own-folder-input" onFiles={add} />
                <FilePicker label={t('own.chooseFiles')} disabled={disabled} testId="own-files-input" onFiles={add} />
              </div>
            </div>
            {own.busy ? <p className="muted">{t('own.working')}</p> : null}
            {own.added !== null ? (
              <p className="muted" data-testid="own-added">
                {t('own.added', { count: own.added })}
              </p>
            ) : null}
            {own.problems.length > 0 ? (
              // The alert role on a wrapper: on the list itself it would replace the list role its items need.
              <div role="alert">
                <ul className="error" data-testid="own-problems">
                  {own.problems.slice(0, MAX_PROBLEMS).map((p, i) => (
                    <li key={i}>{sayOwnNotice(t, p)}</li>
                  ))}
                  {own.problems.length > MAX_PROBLEMS ? <li>{t('own.moreProblems', { count: own.problems.length - MAX_PROBLEMS })}</li> : null}
                </ul>
              </div>
            ) : null}
            <div className="row wrap">
              <input data-testid="own-new-class" aria-label={t('own.className')} placeholder={t('own.newClassPlaceholder')} value={newClass} size={16} onChange={(e) => setNewClass(e.target.value)} />
              <button
                type="button"
                disabled={disabled}
                data-testid="own-add-class"
                onClick={() => {
                  void actions.addOwnClass.perform(newClass);
                  setNewClass('');
                }}
              >
                {t('own.addClass')}
              </button>
            </div>
            <ul className="own-classes">
              {editing.classes.map((c, i) => (
                <ClassRow key={i} c={c} index={i} size={editing.size} disabled={disabled} />
              ))}
            </ul>
            {summary && summary.problems.length > 0 ? (
              <ul className="notice" data-testid="own-readiness">
                {summary.problems.map((p, i) => (
                  <li key={i}>{sayOwnProblem(t, p)}</li>
                ))}
              </ul>
            ) : summary ? (
              <p className="muted" data-testid="own-ready">
                {t('own.ready')}
              </p>
            ) : null}
          </div>
        ) : null}
      </details>
    </section>
  );
}
