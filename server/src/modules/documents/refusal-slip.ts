import { applicantLines, header, numbered, ONE_STOP_DESK, signatures, title } from './common';
import { SlipWriter } from './layout';
import type { RefusalSlipInput } from './schema';

export const REFUSAL_TITLE = 'PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ';

/** Mẫu số 03 (TT 01/2018/TT-VPCP): refusal of a dossier, with its reasons. */
export async function renderRefusalSlip(input: RefusalSlipInput): Promise<Uint8Array> {
  const w = await SlipWriter.create({
    title: REFUSAL_TITLE,
    subject: input.procedureName,
    createdAt: input.refusedAt,
  });
  header(w, {
    unit: input.unit,
    office: ONE_STOP_DESK,
    reference: input.dossierCode ? [`Mã hồ sơ: ${input.dossierCode}`] : [],
    date: input.refusedAt,
  });
  title(w, REFUSAL_TITLE);
  w.paragraph([
    { text: 'Bộ phận tiếp nhận và trả kết quả' },
    { text: input.unit.name, style: 'bold' },
    { text: 'tiếp nhận hồ sơ của:' },
  ]);
  applicantLines(w, input.applicant, 'Ông/Bà:');
  w.field('Nội dung yêu cầu giải quyết:', input.procedureName);
  w.gap(4);
  const basis = input.legalBasis ? `Căn cứ quy định tại ${input.legalBasis}, ` : '';
  w.text(
    `${basis}Bộ phận tiếp nhận và trả kết quả ${input.unit.name} từ chối tiếp nhận, giải quyết hồ sơ này vì lý do sau:`,
  );
  numbered(w, input.reasons);
  w.gap(4);
  w.text('Xin thông báo để ông/bà biết và thực hiện./.');
  signatures(w, [{ role: 'Người tiếp nhận hồ sơ', name: input.deskOfficer }]);
  return w.finish();
}
