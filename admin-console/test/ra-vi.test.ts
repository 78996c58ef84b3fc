// The Vietnamese catalogue of react-admin's own messages must cover every English key, carry the
// same placeholders and plural forms, and translate every value that has words in it.
import raEn from 'ra-language-english';
import { describe, expect, it } from 'vitest';
import { raVi } from '../src/core/ra-vi';

type Tree = { [k: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/%\{(\w+)\}/g)].map((m) => m[1]).sort();
/** Text once placeholders and punctuation are taken away: what a translator has to translate. */
const words = (s: string) => s.replace(/%\{\w+\}/g, '').replace(/[\s|.:,-]/g, '');

const en = leaves(raEn as unknown as Tree);
const vi = leaves(raVi as unknown as Tree);

describe('ra-vi', () => {
  it('has exactly the keys of ra-language-english', () => {
    expect([...vi.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it('translates every value that has words, keeping placeholders and plural forms', () => {
    const untranslated: string[] = [];
    for (const [key, english] of en) {
      const viet = vi.get(key) ?? '';
      if (words(english) !== '' && viet === english) untranslated.push(key);
      if (words(english) !== '' && words(viet) === '') untranslated.push(key);
      expect(placeholders(viet), key).toEqual(placeholders(english));
      expect(viet.split('||||').length, key).toBe(english.split('||||').length);
    }
    expect(untranslated).toEqual([]);
  });
});
