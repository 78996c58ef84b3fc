import { useState } from 'react';
import type { FormServices, Lang, UploadedFile } from './types';
import { word } from './words';

const TYPE_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/msword': 'DOC',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'application/xml': 'XML',
};

export const typeNames = (accept: string[]) => accept.map((m) => TYPE_NAMES[m] ?? m).join(', ');

export function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

interface Props {
  id: string;
  label: string;
  accept: string[];
  maxSizeMb: number;
  lang: Lang;
  services?: FormServices;
  disabled?: boolean;
  describedBy?: string;
  onUploaded: (file: UploadedFile & { name: string }) => void;
}

/**
 * One file chooser: checks type and size before sending (the server checks again, by content),
 * then uploads with a progress bar.
 */
export function FileUpload(p: Props) {
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const upload = p.services?.upload;

  const choose = async (file: File | undefined) => {
    setProblem(null);
    if (!file || !upload) return;
    if (!p.accept.includes(file.type))
      return setProblem(
        `${file.name}: ${word(p.lang, 'badType')} (${word(p.lang, 'accepts')} ${typeNames(p.accept)})`,
      );
    if (file.size > p.maxSizeMb * 1024 * 1024)
      return setProblem(`${file.name}: ${word(p.lang, 'tooBig')} ${p.maxSizeMb} MB`);
    setProgress(0);
    try {
      const stored = await upload(file, setProgress);
      p.onUploaded({ ...stored, name: file.name });
    } catch (err) {
      setProblem(`${word(p.lang, 'uploadFailed')}: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setProgress(null);
    }
  };

  return (
    <div className="fr-upload">
      <label className="fr-button fr-upload-button" htmlFor={p.id}>
        {word(p.lang, 'upload')}
        <span className="fr-visually-hidden">: {p.label}</span>
      </label>
      <input
        id={p.id}
        className="fr-file-input"
        type="file"
        accept={p.accept.join(',')}
        disabled={p.disabled || !upload || progress !== null}
        aria-describedby={p.describedBy}
        onChange={(e) => {
          void choose(e.currentTarget.files?.[0]);
          e.currentTarget.value = '';
        }}
      />
      {!upload && <span className="fr-hint">{word(p.lang, 'notInPreview')}</span>}
      {progress !== null && (
        <progress
          className="fr-progress"
          max={1}
          value={progress}
          aria-label={`${word(p.lang, 'uploading')} ${p.label}`}
        >
          {Math.round(progress * 100)}%
        </progress>
      )}
      {problem && (
        <p className="fr-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
