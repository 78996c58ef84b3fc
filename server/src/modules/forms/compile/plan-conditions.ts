import type { FieldProblem } from '../../../errors';
import type { DictionaryField } from '../../dictionary/schema';
import type { VisibleWhen } from '../definition';
import {
  isGroup,
  problem,
  type FormPlan,
  type PlannedField,
  type PlannedGroup,
  type ResolvedCondition,
} from './plan';

interface Edge {
  from: string;
  to: string;
  owner: PlannedField | PlannedGroup;
  condition: ResolvedCondition;
  targetOrder: number;
}

const nodeOf = (groupId: string | null, key: string) => (groupId ? `${groupId}/${key}` : key);

/** The group that declares a field with this key, or whose id prefixes the path given. */
function groupHolding(plan: FormPlan, name: string): string | null {
  for (const [id, g] of plan.groups)
    if (name.startsWith(`${id}.`) || g.fields.some((f) => f.item.key === name)) return id;
  return null;
}

/** Does the condition's value fit the field it tests? Returns a problem, or null. */
function valueProblem(path: string, target: DictionaryField, rule: VisibleWhen): FieldProblem | null {
  if (rule.notEmpty) return null;
  const values = rule.in ?? [rule.equals];
  const at = `${path}.visibleWhen.${rule.in ? 'in' : 'equals'}`;
  const t = target.type;
  if (t === 'address' || t === 'file')
    return problem(
      at,
      `Trường '${target.key}' (${t}) chỉ dùng được điều kiện notEmpty`,
      `Field '${target.key}' (${t}) can only be tested with notEmpty`,
    );
  const expected = t === 'boolean' ? 'boolean' : t === 'number' ? 'number' : 'string';
  if (values.some((v) => typeof v !== expected))
    return problem(
      at,
      `Giá trị so sánh phải có kiểu ${expected}, như trường '${target.key}'`,
      `The value compared must be a ${expected}, like field '${target.key}'`,
    );
  if (t === 'select' || t === 'multi_select') {
    const allowed = new Set(target.options.map((o) => o.value));
    const bad = values.find((v) => !allowed.has(String(v)));
    if (bad !== undefined)
      return problem(
        at,
        `Giá trị '${String(bad)}' không có trong danh sách lựa chọn của trường '${target.key}'`,
        `'${String(bad)}' is not an option of field '${target.key}'`,
      );
  }
  return null;
}

function edgeOf(
  plan: FormPlan,
  owner: PlannedField | PlannedGroup,
  group: PlannedGroup | null,
  errors: FieldProblem[],
) {
  const rule = owner.item.visibleWhen;
  if (!rule) return null;
  const from = isGroup(owner) ? `#${owner.item.id}` : nodeOf(group?.item.id ?? null, owner.item.key);
  const at = `${owner.path}.visibleWhen.field`;
  const sibling = group?.fields.find((f) => f.item.key === rule.field);
  const target = sibling ?? plan.root.get(rule.field);
  if (target) {
    const condition: ResolvedCondition = {
      scope: sibling ? 'group' : 'form',
      key: rule.field,
      target: target.field,
      rule,
    };
    const to = nodeOf(sibling ? group!.item.id : null, rule.field);
    return { from, to, owner, condition, targetOrder: target.order } satisfies Edge;
  }
  const holder = groupHolding(plan, rule.field);
  if (holder)
    errors.push(
      problem(
        at,
        `Điều kiện hiển thị không được dựa vào trường '${rule.field}' nằm trong nhóm lặp '${holder}'`,
        `A condition cannot depend on '${rule.field}', which is inside repeating group '${holder}'`,
      ),
    );
  else
    errors.push(
      problem(
        at,
        `Điều kiện hiển thị dựa vào trường '${rule.field}' không có trong biểu mẫu`,
        `The condition depends on '${rule.field}', which is not on this form`,
      ),
    );
  return null;
}

/** Nodes on a cycle of the "visible when" graph; each node has at most one outgoing edge. */
function cycles(edges: Map<string, Edge>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const found: string[][] = [];
  for (const start of edges.keys()) {
    const stack: string[] = [];
    let node: string | undefined = start;
    while (node !== undefined && !state.has(node)) {
      state.set(node, 'open');
      stack.push(node);
      node = edges.get(node)?.to;
    }
    if (node !== undefined && state.get(node) === 'open') found.push(stack.slice(stack.indexOf(node)));
    for (const n of stack) state.set(n, 'done');
  }
  return found;
}

/**
 * Resolves every visibleWhen, refusing conditions on unknown fields, on fields inside a repeating
 * group (from outside it), on fields declared later, and cycles (A shown when B, B shown when A).
 * Sets `condition` on each item whose rule is sound.
 */
export function resolveConditions(plan: FormPlan): FieldProblem[] {
  const errors: FieldProblem[] = [];
  const edges = new Map<string, Edge>();
  for (const s of plan.sections)
    for (const item of s.items) {
      const own = edgeOf(plan, item, null, errors);
      if (own) edges.set(own.from, own);
      if (isGroup(item))
        for (const f of item.fields) {
          const e = edgeOf(plan, f, item, errors);
          if (e) edges.set(e.from, e);
        }
    }
  const onCycle = new Set<string>();
  for (const cycle of cycles(edges)) {
    const names = [...cycle, cycle[0]].join(' → ');
    for (const n of cycle) {
      onCycle.add(n);
      errors.push(
        problem(
          `${edges.get(n)!.owner.path}.visibleWhen.field`,
          `Điều kiện hiển thị tạo thành vòng lặp: ${names}`,
          `Visibility conditions form a cycle: ${names}`,
        ),
      );
    }
  }
  for (const e of edges.values()) {
    if (onCycle.has(e.from)) continue;
    if (e.targetOrder >= e.owner.order) {
      errors.push(
        problem(
          `${e.owner.path}.visibleWhen.field`,
          `Điều kiện hiển thị dựa vào trường '${e.condition.key}' khai báo phía sau; hãy đặt trường đó lên trước`,
          `The condition depends on '${e.condition.key}', declared later; move that field above`,
        ),
      );
      continue;
    }
    const bad = valueProblem(e.owner.path, e.condition.target, e.condition.rule);
    if (bad) errors.push(bad);
    else e.owner.condition = e.condition;
  }
  return errors;
}
