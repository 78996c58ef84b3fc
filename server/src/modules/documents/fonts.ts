import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument } from 'pdf-lib';

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

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
type Font = ReturnType<Fontkit['create']>;

/**
 * Laid-out strings kept per face: slips repeat the same words (header, motto, labels) all day. A
 * layout holds ~4.4 KB of heap (a 55-letter line, measured) and costs ~160 µs of CPU to redo, so the
 * least recently used go first: the words every slip repeats stay, the one-off ones (a dossier's
 * code, a name) leave, and a face holds at most ~22 MB (20,000 kept until a clear-all: ~86 MB).
 */
const LAYOUTS_PER_FACE = 5_000;

/**
 * fontkit with its parsed fonts kept per font file: parsing a DejaVu face (its tables, cmap, GSUB/GPOS)
 * cost most of a slip's rendering time, three faces for every slip. A parsed font is read-only
 * for pdf-lib (each document makes its own subset from it) and fontkit works synchronously, so one
 * parsed font serves every document of the process. Its layout of a string (shaping: what
 * pdf-lib calls for every width it measures and every text it draws) is remembered too, up to
 * LAYOUTS_PER_FACE strings, the least recently used forgotten first. Keyed by the bytes'
 * identity: loadFonts() hands out the same arrays every time.
 */
const parsed = new WeakMap<Uint8Array, Font>();

function withRememberedLayouts(font: Font): Font {
  const layout = font.layout.bind(font);
  const seen = new Map<string, ReturnType<Font['layout']>>();
  font.layout = (text: string, features?: Parameters<Font['layout']>[1]) => {
    if (features !== undefined) return layout(text, features);
    let run = seen.get(text);
    if (run) {
      seen.delete(text); // the Map's order is the eviction order: a hit moves to the end
    } else {
      run = layout(text);
      if (seen.size >= LAYOUTS_PER_FACE) seen.delete(seen.keys().next().value!);
    }
    seen.set(text, run);
    return run;
  };
  const getGlyph = font.getGlyph.bind(font);
  font.getGlyph = (id: number, codePoints?: number[]) => {
    const glyph = decodedOnce(getGlyph(id, codePoints));
    // fontkit keeps the first Glyph made for an id: made as a part of a compound glyph (the O in
    // Ò) it has no code points, and the ToUnicode map of every later PDF lost that letter.
    if (glyph && glyph.codePoints.length === 0 && codePoints?.length) glyph.codePoints = codePoints;
    return glyph;
  };
  return font;
}

type Glyph = ReturnType<Font['getGlyph']>;
const decodeKept = new WeakSet<Glyph>();

/**
 * Each subset pdf-lib makes reads every glyph it takes out of the font again (fontkit's
 * TTFSubset decodes the whole outline, point by point, only to find a compound glyph's parts):
 * most of a slip's font work. fontkit keeps one Glyph per id in the parsed font; its decoded
 * outline is read-only, so it is kept on the Glyph, once for the process.
 */
function decodedOnce(glyph: Glyph): Glyph {
  const g = glyph as Glyph & { _decode?: () => unknown };
  if (!g || decodeKept.has(glyph) || typeof g._decode !== 'function') return glyph;
  const decode = g._decode.bind(g);
  let decoded: { value: unknown } | null = null;
  g._decode = () => (decoded ??= { value: decode() }).value;
  decodeKept.add(glyph);
  return glyph;
}

export const cachedFontkit: Fontkit = {
  create(bytes: Uint8Array, postscriptName?: string) {
    if (postscriptName !== undefined) return fontkit.create(bytes, postscriptName);
    let font = parsed.get(bytes);
    if (!font) parsed.set(bytes, (font = withRememberedLayouts(fontkit.create(bytes))));
    return font;
  },
};
