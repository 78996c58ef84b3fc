import { applicantLines, header, numbered, ONE_STOP_DESK, signatures, title } from './common';
import { SlipWriter } from './layout';
import type { SupplementRequestInput } from './schema';

export const SUPPLEMENT_TITLE = 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ';

/** Mẫu số 02 (TT 01/2018/TT-VPCP): what the applicant must add or correct. */
export async function renderSupplementRequest(input: SupplementRequestInput): Promise<Uint8Array> {
  const w = await SlipWriter.create({
    title: `${SUPPLEMENT_TITLE} ${input.dossierCode}`,
    subject: input.procedureName,
    createdAt: input.requestedAt,
  });
  header(w, {
    unit: input.unit,
    office: ONE_STOP_DESK,
    reference: [`Mã hồ sơ: ${input.dossierCode}`],
    date: input.requestedAt,
  });
  title(w, SUPPLEMENT_TITLE);
  applicantLines(w, input.applicant, 'Hồ sơ của:');
  w.field('Nội dung yêu cầu giải quyết:', input.procedureName);
  w.gap(4);
  w.text('Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:', { style: 'bold' });
  numbered(w, input.items);
  if (input.reason) w.field('Lý do:', input.reason);
  w.gap(4);
  const contact = input.contact ?? { name: input.deskOfficer };
  w.text(
    `Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, ông/bà liên hệ với ${contact.name}` +
      `${contact.phone ? `, số điện thoại ${contact.phone},` : ''} để được hướng dẫn./.`,
  );
  signatures(w, [{ role: 'Người hướng dẫn', name: input.deskOfficer }]);
  return w.finish();
}
