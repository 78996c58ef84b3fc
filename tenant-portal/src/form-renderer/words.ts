import type { Lang } from './types';

/** The renderer's own few words; the host's catalogue is not needed to embed it. */
const WORDS = {
  required: { vi: 'bắt buộc', en: 'required' },
  choose: { vi: '— Chọn —', en: '— Choose —' },
  yes: { vi: 'Có', en: 'Yes' },
  no: { vi: 'Không', en: 'No' },
  province: { vi: 'Tỉnh/thành phố', en: 'Province' },
  commune: { vi: 'Xã/phường', en: 'Commune' },
  communeCode: { vi: 'Mã xã/phường (5 chữ số)', en: 'Commune code (5 digits)' },
  street: { vi: 'Số nhà, đường, thôn/tổ', en: 'House number, street' },
  addEntry: { vi: 'Thêm mục', en: 'Add entry' },
  removeEntry: { vi: 'Xóa mục', en: 'Remove entry' },
  entry: { vi: 'Mục', en: 'Entry' },
  noEntries: { vi: 'Chưa có mục nào.', en: 'No entries yet.' },
  papers: { vi: 'Thành phần hồ sơ đính kèm', en: 'Papers to attach' },
  upload: { vi: 'Tải tệp lên', en: 'Upload a file' },
  fromStore: { vi: 'Hoặc dùng giấy tờ trong kho dữ liệu', en: 'Or use a paper from your data store' },
  remove: { vi: 'Bỏ tệp', en: 'Remove file' },
  uploading: { vi: 'Đang tải lên', en: 'Uploading' },
  accepts: { vi: 'Nhận', en: 'Accepts' },
  upTo: { vi: 'tối đa', en: 'up to' },
  fromDataStore: { vi: 'từ kho dữ liệu', en: 'from the data store' },
  badType: { vi: 'không nhận loại tệp này', en: 'this file type is not accepted' },
  tooBig: { vi: 'tệp vượt quá', en: 'the file is larger than' },
  uploadFailed: { vi: 'Tải lên không thành công', en: 'The upload failed' },
  notInPreview: { vi: 'Không tải tệp trong chế độ xem trước', en: 'No uploads in preview' },
  empty: { vi: '(để trống)', en: '(empty)' },
  pidHint: { vi: '12 chữ số', en: '12 digits' },
  hidden: { vi: 'Không áp dụng', en: 'Not applicable' },
} as const;

export type WordKey = keyof typeof WORDS;
export const word = (lang: Lang, k: WordKey) => WORDS[k][lang];
