import { header, signatures, title } from './common';
import { formatDate } from './format';
import { SlipWriter } from './layout';
import type { ApologySlipInput } from './schema';

export const APOLOGY_TITLE = 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ';

/** Mẫu số 04 (TT 01/2018/TT-VPCP): the unit apologizes for a late dossier and gives a new date. */
export async function renderApologySlip(input: ApologySlipInput): Promise<Uint8Array> {
  const unitName = input.unit.name;
  const w = await SlipWriter.create({
    title: `${APOLOGY_TITLE} ${input.dossierCode}`,
    subject: input.procedureName,
    createdAt: input.issuedAt,
  });
  header(w, { unit: input.unit, reference: [`Mã hồ sơ: ${input.dossierCode}`], date: input.issuedAt });
  title(w, APOLOGY_TITLE);
  w.paragraph([{ text: 'Kính gửi:', style: 'bold' }, { text: input.applicant.fullName }], {
    align: 'center',
  });
  w.gap(6);
  w.text(
    `Ngày ${formatDate(input.receivedAt)}, ${unitName} tiếp nhận giải quyết hồ sơ của ông/bà ` +
      `${input.applicant.fullName}, đề nghị giải quyết thủ tục ${input.procedureName}; mã hồ sơ ${input.dossierCode}.`,
  );
  w.field('Thời hạn trả kết quả giải quyết hồ sơ:', `ngày ${formatDate(input.dueAt)}.`);
  w.text(
    `Tuy nhiên đến nay, ${unitName} chưa trả kết quả giải quyết hồ sơ cho ông/bà đúng thời hạn quy định ` +
      'ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.',
  );
  w.field('Lý do:', input.reason);
  w.paragraph([
    {
      text: `Sự chậm trễ này đã gây phiền hà cho ông/bà. ${unitName} xin lỗi ông/bà và sẽ trả kết quả giải quyết hồ sơ cho ông/bà vào`,
    },
    { text: `ngày ${formatDate(input.newDueAt)}.`, style: 'bold' },
  ]);
  w.text('Xin trân trọng cảm ơn sự hợp tác của ông/bà./.');
  signatures(w, [
    {
      role: input.signer?.title ?? 'Thủ trưởng cơ quan',
      note: '(Ký, ghi rõ họ tên và đóng dấu)',
      name: input.signer?.name,
    },
  ]);
  return w.finish();
}
