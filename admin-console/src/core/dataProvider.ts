/**
 * react-admin's simple REST convention, which every list route of the API follows
 * (?sort=["f","ASC"]&range=[0,24]&filter={…}, Content-Range). Resource names are API paths below
 * /api/v1, e.g. "procedures", "dossiers", "platform/tenants".
 */
import simpleRestProvider from 'ra-data-simple-rest';
import { fetchUtils, type DataProvider } from 'react-admin';
import { API, apiFetch } from './api';

const httpClient = async (url: string, options: fetchUtils.Options = {}) => {
  const { json, headers, status } = await apiFetch(url, {
    method: options.method,
    body: options.body as BodyInit | undefined,
    headers: options.headers as HeadersInit | undefined,
  });
  return { status, headers, body: JSON.stringify(json), json };
};

const base = simpleRestProvider(API, httpClient);

export const dataProvider: DataProvider = {
  ...base,
  /** One call per id; the API has no bulk delete, and partial failure must surface. */
  deleteMany: async (resource, params) => {
    for (const id of params.ids) await base.delete(resource, { id, previousData: undefined });
    return { data: params.ids };
  },
  updateMany: async (resource, params) => {
    for (const id of params.ids) await base.update(resource, { id, data: params.data, previousData: {} });
    return { data: params.ids };
  },
};
