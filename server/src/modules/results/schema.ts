import { z } from 'zod';

/** A result in the repository (kết quả giải quyết TTHC), as staff see it. */
export interface Result {
  tenantId: string;
  id: string;
  code: string;
  dossierId: string | null;
  title: string;
  holderPid: string | null;
  holderName: string;
  issuedAt: string;
  validUntil: string | null;
  status: 'valid' | 'revoked';
  revokedReason: string | null;
  revokedAt: string | null;
  fileSha256: string;
  fileSize: number;
  mime: string;
  storageKey: string;
  certificateSerial: string | null;
  signed: boolean;
  source: 'issued' | 'digitized';
  createdAt: string;
}

const SHA256 = /^[0-9a-fA-F]{64}$/;

/** Uploads to the verify route stay below the JSON body limit; larger files send their SHA-256. */
export const MAX_VERIFY_FILE_BYTES = 512 * 1024;

export const verifyResultInput = z
  .object({
    code: z.string().trim().min(1).max(100),
    sha256: z.string().regex(SHA256).optional(),
    file: z
      .base64()
      .max(Math.ceil(MAX_VERIFY_FILE_BYTES / 3) * 4)
      .optional(),
  })
  .strict()
  .refine((b) => (b.sha256 === undefined) !== (b.file === undefined), {
    message: 'Gửi đúng một trong hai: sha256 hoặc file / Send exactly one of sha256 or file',
    path: ['sha256'],
  });
export type VerifyResultInput = z.infer<typeof verifyResultInput>;

/** What anyone may learn about a result: never its holder, never its file. */
export const verifyResultOutput = z.object({
  status: z.enum(['valid', 'revoked', 'unknown']),
  unit: z.object({ code: z.string(), name: z.string() }).optional(),
  title: z.string().optional(),
  issuedAt: z.string().optional(),
  validUntil: z.string().nullable().optional(),
  /** A valid result whose validity date has passed. */
  expired: z.boolean().optional(),
});
export type VerifyResultOutput = z.infer<typeof verifyResultOutput>;
