import { deflateSync } from 'node:zlib';
import { PDFContentStream, PDFRawStream, type PDFDocument } from 'pdf-lib';

/**
 * pdf-lib compresses its streams with pako, deflate in JavaScript: a third of a slip's CPU went to
 * it (font subsets, ToUnicode maps, page contents). node:zlib is the same zlib deflate, native.
 * `useNativeFlate` makes the document's embedders (fonts, images) compress with node:zlib;
 * `deflatePageContents`, called once drawing is done, replaces each page content stream, which
 * pdf-lib would deflate with pako while saving, by the same operators deflated natively.
 */
export function useNativeFlate(doc: PDFDocument): void {
  const { context } = doc;
  context.flateStream = (contents, dict = {}) =>
    context.stream(deflateSync(typeof contents === 'string' ? Buffer.from(contents, 'latin1') : contents), {
      ...dict,
      Filter: 'FlateDecode',
    });
}

export function deflatePageContents(doc: PDFDocument): void {
  const { context } = doc;
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    // The stream's dictionary already names FlateDecode.
    if (object instanceof PDFContentStream)
      context.assign(ref, PDFRawStream.of(object.dict, deflateSync(object.getUnencodedContents())));
  }
}
