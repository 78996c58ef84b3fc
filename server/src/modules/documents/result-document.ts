import { header, signatures, title } from './common';
import { SlipWriter } from './layout';
import type { SlipUnit } from './schema';

export interface ResultDocumentInput {
  unit: SlipUnit;
  /** The result's number (số, ký hiệu). */
  resultCode: string;
  dossierCode: string;
  procedureName: string;
  holderName: string;
  /** What the unit decides, one paragraph per entry. */
  content: string[];
  issuedAt: Date;
  signer?: { title: string; name?: string };
}

/**
 * A result the unit generates instead of attaching its own file: a short decision letter of the
 * unit. It is signed electronically afterwards (detached CMS), so the PDF carries no signature.
 */
export async function renderResultDocument(input: ResultDocumentInput): Promise<Uint8Array> {
  const heading = 'KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH';
  const w = await SlipWriter.create({
    title: `${heading} ${input.resultCode}`,
    subject: input.procedureName,
    createdAt: input.issuedAt,
  });
  header(w, {
    unit: input.unit,
    reference: [`Số: ${input.resultCode}`, `Mã hồ sơ: ${input.dossierCode}`],
    date: input.issuedAt,
  });
  title(w, heading, input.procedureName);
  w.field('Cấp cho:', input.holderName);
  w.gap(6);
  for (const p of input.content) w.text(p);
  signatures(w, [
    {
      role: input.signer?.title ?? 'Thủ trưởng cơ quan',
      note: '(Đã ký số)',
      name: input.signer?.name,
    },
  ]);
  return w.finish();
}
