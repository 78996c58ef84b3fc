// PLACEHOLDER until the admin-console foundation lands its complete Vietnamese catalogue.
import raEn from 'ra-language-english';
export const raVi = raEn;
