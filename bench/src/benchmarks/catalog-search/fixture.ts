import { fieldsOfActivity } from '../../../../server/src/modules/procedures/fields-of-activity';
import {
  communeProcedures,
  departmentProcedures,
  type TypicalProcedure,
} from '../../../../server/src/modules/procedures/typical-catalog';
import { withClient } from '../../lib/database';

/**
 * A national-scale catalog: 34 provinces, each with 20 departments and ~97 communes (≈3,300 in all,
 * as after the 2025 reform). Every commune publishes the commune list; every department publishes the
 * provincial list (in reality spread over the departments — the search sees the same names either
 * way, and volume is what this benchmark is about). A few drafts and archived rows, and one terminated
 * unit, keep the public filters honest.
 */
export const PROVINCES = 34;
export const DEPARTMENTS_PER_PROVINCE = 20;
export const COMMUNES_PER_PROVINCE = 97;

const COMMUNE_NAMES = [
  'Tân Lập',
  'Hòa Bình',
  'Phú Thọ',
  'An Khánh',
  'Đông Hòa',
  'Tây Sơn',
  'Bình Minh',
  'Thạnh Mỹ',
  'Quang Trung',
  'Nghĩa Đô',
  'Vĩnh Phúc',
  'Hưng Thịnh',
  'Đức Phổ',
  'Long Điền',
  'Cẩm Lệ',
  'Ea Kar',
  'Krông Búk',
  'Diên Khánh',
];

interface Seeded {
  tenants: number;
  procedures: number;
  published: number;
  tableMiB: number;
}

const asRows = (list: readonly TypicalProcedure[]) =>
  JSON.stringify(
    list.map((p) => ({
      code: p.code,
      name: p.name,
      field: p.field,
      level: p.level,
      days: p.days,
      fees: p.fees.map(([name, amount]) => ({ name, amount })),
      total: p.fees.reduce((s, [, a]) => s + a, 0),
      result: p.result,
    })),
  );

/** Bulk-loads units and procedures as the owner in three INSERT … SELECTs, then vacuums. */
export async function seedNationalCatalog(ownerUrl: string): Promise<Seeded> {
  return withClient(ownerUrl, async (c) => {
    await c.query('begin');
    await c.query(`select set_config('app.platform_role', 'system', true)`);
    await c.query(
      `insert into procedure_fields (code, name, name_en) select * from jsonb_to_recordset($1::jsonb) as f(code text, name text, "nameEn" text)
       on conflict do nothing`,
      [JSON.stringify(fieldsOfActivity)],
    );
    await c.query(
      `insert into tenants (code, name, kind)
       select format('000.00.%s.H%s', lpad(d::text, 2, '0'), lpad(p::text, 2, '0')),
              format('Sở số %s tỉnh %s', d, p), 'department'
         from generate_series(1, $1::int) p, generate_series(1, $2::int) d
       union all
       select format('%s.%s.00.H%s', lpad((c / 100)::text, 3, '0'), lpad((c % 100)::text, 2, '0'), lpad(p::text, 2, '0')),
              format('Xã %s %s', ($4::text[])[1 + c % cardinality($4::text[])], c), 'commune'
         from generate_series(1, $1::int) p, generate_series(1, $3::int) c`,
      [PROVINCES, DEPARTMENTS_PER_PROVINCE, COMMUNES_PER_PROVINCE, COMMUNE_NAMES],
    );
    const insert = (kind: string) =>
      `insert into procedures (tenant_id, national_code, name, field_code, level, processing_days, fees, fee_total,
                               required_papers, result_type, status)
       select t.id, v.code, v.name, v.field, v.level, v.days, v.fees, v.total,
              '[{"name":"Tờ khai theo mẫu","originals":1,"copies":0,"fromDataStore":false},
                {"name":"Giấy tờ tùy thân","originals":0,"copies":1,"fromDataStore":true}]'::jsonb,
              v.result,
              -- one row in 97 is still a draft, one in 101 archived: the public side must not see them
              case when hashtext(t.code || v.code) % 97 = 0 then 'draft'
                   when hashtext(t.code || v.code) % 101 = 0 then 'archived' else 'published' end
         from tenants t
         cross join jsonb_to_recordset($1::jsonb)
              as v(code text, name text, field text, level int, days int, fees jsonb, total bigint, result text)
        where t.kind = '${kind}'
        order by t.code, v.code`;
    await c.query(insert('commune'), [asRows(communeProcedures)]);
    await c.query(insert('department'), [asRows(departmentProcedures)]);
    await c.query(
      `update tenants set status = 'terminated', status_reason = 'sáp nhập' where code = '001.01.00.H01'`,
    );
    await c.query('commit');
    await c.query('vacuum analyze');
    const { rows } = await c.query<{ t: string; n: string; pub: string; bytes: string }>(
      `select (select count(*) from tenants) as t, count(*) as n, count(*) filter (where status = 'published') as pub,
              pg_total_relation_size('procedures') as bytes from procedures`,
    );
    const r = rows[0]!;
    return {
      tenants: Number(r.t),
      procedures: Number(r.n),
      published: Number(r.pub),
      tableMiB: Math.round(Number(r.bytes) / 2 ** 20),
    };
  });
}
