import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MNIST_FRAMING, type Framing } from '../../engine/input/digitFraming';
import { ACCEPTED_TYPES, type FileProblem } from '../../engine/input/fileCheck';
import { decodeImageFile } from '../../engine/input/decodeFile';
import { imageToModelInput, type RgbaImage } from '../../engine/input/imageInput';
import { InputPreview } from './InputPreview';
import { sayFileProblem } from '../../i18n/fileProblemText';

export interface ImageUploadProps {
  /** The model's input shape [H, W, C]: the picture is converted to exactly this. */
  imageShape: [number, number, number];
  /** The converted picture, H×W×C values in [0, 1]. */
  onInput(pixels: Float32Array): void;
  /** A file was refused or could not be used: what was predicted before no longer applies. */
  onClear?(): void;
  /** How a grey 28×28 picture is framed; MNIST's by default. */
  framing?: Framing;
}

type Shown =
  | { state: 'idle' }
  | { state: 'reading'; name: string }
  | { state: 'problem'; name: string; problem: FileProblem }
  | { state: 'done'; name: string; pixels: Float32Array; inverted: boolean };

const decode = decodeImageFile;

/** A file input and drop zone for a picture of any size, converted to the model's input and shown as the model sees it. */
export function ImageUpload({ imageShape, onInput, onClear, framing = MNIST_FRAMING }: ImageUploadProps) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<Shown>({ state: 'idle' });
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const loads = useRef(0);
  const latest = useRef({ onInput, onClear });
  useEffect(() => {
    latest.current = { onInput, onClear };
  });
  const shapeKey = imageShape.join('×');
  // Another dataset's shape: the converted picture no longer fits it.
  useEffect(() => {
    loads.current++;
    setShown({ state: 'idle' });
  }, [shapeKey]);

  const load = async (file: File) => {
    const id = ++loads.current; // a newer file, or a new shape, makes this one's result stale
    setShown({ state: 'reading', name: file.name });
    let result: RgbaImage | FileProblem;
    try {
      result = await decode(file);
    } catch {
      result = { code: 'undecodable' }; // the file could not even be read (removed, no permission)
    }
    if (id !== loads.current) return;
    const converted = 'code' in result ? null : imageToModelInput(result, imageShape, framing);
    const problem: FileProblem | null = 'code' in result ? result : converted ? null : { code: 'blank' };
    if (problem || !converted) {
      setShown({ state: 'problem', name: file.name, problem: problem ?? { code: 'blank' } });
      latest.current.onClear?.();
      return;
    }
    setShown({ state: 'done', name: file.name, pixels: converted.pixels, inverted: converted.inverted });
    latest.current.onInput(converted.pixels);
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) void load(file);
  };

  const [h, w] = imageShape;
  return (
    <div
      className={`image-upload${dragging ? ' dragging' : ''}`}
      data-testid="image-upload"
      onDragOver={(e) => {
        e.preventDefault(); // allows the drop
        e.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <input
        ref={input}
        type="file"
        accept={ACCEPTED_TYPES.join(',')}
        hidden
        data-testid="image-upload-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = ''; // choosing the same file again still loads it
          if (file) void load(file);
        }}
      />
      <button type="button" onClick={() => input.current?.click()}>
        {t('drawPad.chooseFile')}
      </button>
      <p className="muted">{t('drawPad.dropHere')}</p>
      {shown.state === 'reading' ? <p className="muted">{t('drawPad.reading', { name: shown.name })}</p> : null}
      {shown.state === 'problem' ? (
        <p className="error" role="alert" data-testid="image-upload-problem">
          {sayFileProblem(t, shown.problem, shown.name)}
        </p>
      ) : null}
      {shown.state === 'done' ? (
        <figure>
          <InputPreview pixels={shown.pixels} shape={imageShape} scale={Math.max(1, Math.floor(140 / Math.max(h, w)))} label={t('drawPad.modelSees')} testId="image-upload-model-input" />
          <figcaption className="muted">
            {t('drawPad.converted', { name: shown.name, shape: shapeKey })}
            {shown.inverted ? ` ${t('drawPad.inverted')}` : ''}
          </figcaption>
        </figure>
      ) : null}
    </div>
  );
}
