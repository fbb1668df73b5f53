import { useEffect, useRef, useState } from 'react';
import QRCode from 'qrcode';

interface Props {
  text: string;
  label: string;
  /** Said instead of the code when `text` does not fit in one. */
  tooLong: string;
  testId?: string;
}

/** The link as a QR code on a canvas, for students to open it on a phone or tablet. */
export function QrCode({ text, label, tooLong, testId = 'share-qr' }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!canvas.current) return;
    // Low error correction: the most data per module, and a screen or projector does not smudge.
    QRCode.toCanvas(canvas.current, text, { errorCorrectionLevel: 'L', margin: 2, width: 256 })
      .then(() => setFailed(false))
      .catch(() => setFailed(true));
  }, [text]);
  return (
    <div className="qr">
      <canvas ref={canvas} role="img" aria-label={label} data-testid={testId} hidden={failed} />
      {failed ? <p className="muted" data-testid={`${testId}-too-long`}>{tooLong}</p> : null}
    </div>
  );
}
