import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/**
 * DejaVu Sans: free, and it has every precomposed Vietnamese letter (ệ, ữ, ỹ …) and the đồng sign.
 * Read from the dejavu-fonts-ttf package once per process; each PDF embeds only the glyphs it uses.
 */
const require = createRequire(import.meta.url);

export interface FontFiles {
  regular: Uint8Array;
  bold: Uint8Array;
  italic: Uint8Array;
}

let loading: Promise<FontFiles> | null = null;

export function loadFonts(): Promise<FontFiles> {
  const file = (name: string) =>
    readFile(require.resolve(`dejavu-fonts-ttf/ttf/${name}`)).then((b) => new Uint8Array(b));
  loading ??= Promise.all([
    file('DejaVuSans.ttf'),
    file('DejaVuSans-Bold.ttf'),
    file('DejaVuSans-Oblique.ttf'),
  ]).then(
    ([regular, bold, italic]) => ({ regular, bold, italic }),
    (err: unknown) => {
      loading = null; // a later call may try again
      throw err;
    },
  );
  return loading;
}
