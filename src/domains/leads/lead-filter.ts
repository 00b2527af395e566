import { validationError } from '../../core/errors.js';
import { LIMITS } from './fields.js';

/**
 * The lead filter: a small tree of conditions shared by the listing, counts, saved views, bulk
 * actions and exports. Pure structure here (no knowledge of fields); `compileLeadFilter` checks
 * fields, operators and value types against the workspace's custom fields.
 *
 *   { "and": [ { "field": "stage", "op": "in", "value": ["mql", "sql"] },
 *              { "or": [ { "field": "custom.region", "op": "eq", "value": "EMEA" },
 *                        { "not": { "field": "tags", "op": "eq", "value": "churned" } } ] } ] }
 */
export const FILTER_OPS = [
  'eq', 'neq', 'contains', 'starts_with', 'in', 'not_in', 'gt', 'gte', 'lt', 'lte', 'between', 'is_empty', 'is_not_empty',
] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

export type FilterScalar = string | number | boolean;
export type FilterValue = FilterScalar | FilterScalar[];

export interface FilterCondition {
  field: string;
  op: FilterOp;
  value?: FilterValue;
}
export type FilterNode = FilterCondition | { and: FilterNode[] } | { or: FilterNode[] } | { not: FilterNode };

/** Bounds that keep one filter cheap to parse and to plan. */
export const FILTER_LIMITS = { depth: 5, conditions: 100, listValues: 1000, string: LIMITS.text, jsonBytes: 64_000 } as const;

const bad = (path: string, message: string) => validationError(`${path}: ${message}`, [{ path, message }]);

/**
 * Parses a filter given as an object or as JSON text (query strings). Every problem is a
 * VALIDATION error naming its path, e.g. `filter.and.1.op: unknown operator "like"`.
 */
export function parseLeadFilter(input: unknown, path = 'filter'): FilterNode {
  let value = input;
  if (typeof input === 'string') {
    if (input.length > FILTER_LIMITS.jsonBytes) throw bad(path, `at most ${FILTER_LIMITS.jsonBytes} characters`);
    try {
      value = JSON.parse(input);
    } catch {
      throw bad(path, 'must be JSON, e.g. {"field":"stage","op":"eq","value":"mql"}');
    }
  } else if (JSON.stringify(input ?? null).length > FILTER_LIMITS.jsonBytes) {
    throw bad(path, `at most ${FILTER_LIMITS.jsonBytes} characters of JSON`);
  }
  const counter = { conditions: 0 };
  return parseNode(value, path, 1, counter);
}

function parseNode(node: unknown, path: string, depth: number, counter: { conditions: number }): FilterNode {
  if (depth > FILTER_LIMITS.depth) throw bad(path, `filters nest at most ${FILTER_LIMITS.depth} levels deep`);
  if (typeof node !== 'object' || node === null || Array.isArray(node)) {
    throw bad(path, 'must be a condition {field, op, value} or a group {and: [...]}, {or: [...]}, {not: {...}}');
  }
  const keys = Object.keys(node);
  const obj = node as Record<string, unknown>;
  if (keys.length === 1 && (keys[0] === 'and' || keys[0] === 'or')) {
    const key = keys[0];
    const items = obj[key];
    if (!Array.isArray(items) || items.length === 0) throw bad(`${path}.${key}`, 'must be a non-empty array of conditions');
    const children = items.map((c, i) => parseNode(c, `${path}.${key}.${i}`, depth + 1, counter));
    return key === 'and' ? { and: children } : { or: children };
  }
  if (keys.length === 1 && keys[0] === 'not') return { not: parseNode(obj.not, `${path}.not`, depth + 1, counter) };
  const unknown = keys.find((k) => k !== 'field' && k !== 'op' && k !== 'value');
  if (unknown) throw bad(path, `unknown key "${unknown}" (a condition has field, op and value; a group has and, or or not)`);
  if (typeof obj.field !== 'string' || obj.field.length === 0 || obj.field.length > 100) throw bad(`${path}.field`, 'must be a field name');
  if (typeof obj.op !== 'string' || !(FILTER_OPS as readonly string[]).includes(obj.op)) {
    throw bad(`${path}.op`, `unknown operator ${JSON.stringify(obj.op)}; one of: ${FILTER_OPS.join(', ')}`);
  }
  counter.conditions += 1;
  if (counter.conditions > FILTER_LIMITS.conditions) throw bad(path, `at most ${FILTER_LIMITS.conditions} conditions per filter`);
  const op = obj.op as FilterOp;
  const condition: FilterCondition = { field: obj.field, op };
  const value = parseValue(obj.value, op, `${path}.value`);
  if (value !== undefined) condition.value = value;
  return condition;
}

function parseScalar(v: unknown, path: string): FilterScalar {
  if (typeof v === 'string') {
    if (v.length > FILTER_LIMITS.string) throw bad(path, `at most ${FILTER_LIMITS.string} characters`);
    return v;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'boolean') return v;
  throw bad(path, 'must be a string, a number or a boolean');
}

/** Checks the value's shape for the operator; its type is checked against the field later. */
function parseValue(v: unknown, op: FilterOp, path: string): FilterValue | undefined {
  if (op === 'is_empty' || op === 'is_not_empty') {
    if (v !== undefined && v !== null) throw bad(path, `${op} takes no value`);
    return undefined;
  }
  if (op === 'in' || op === 'not_in') {
    if (!Array.isArray(v) || v.length === 0) throw bad(path, `${op} needs a non-empty array of values`);
    if (v.length > FILTER_LIMITS.listValues) throw bad(path, `at most ${FILTER_LIMITS.listValues} values`);
    return v.map((x, i) => parseScalar(x, `${path}.${i}`));
  }
  if (op === 'between') {
    if (!Array.isArray(v) || v.length !== 2) throw bad(path, 'between needs [from, to]');
    return v.map((x, i) => parseScalar(x, `${path}.${i}`));
  }
  if (v === undefined || v === null) throw bad(path, `${op} needs a value`);
  if (Array.isArray(v)) throw bad(path, `${op} takes one value (use "in" for several)`);
  return parseScalar(v, path);
}

/** Every condition of a tree (to check referenced lists up front). */
export function filterConditions(node: FilterNode): FilterCondition[] {
  if ('and' in node) return node.and.flatMap(filterConditions);
  if ('or' in node) return node.or.flatMap(filterConditions);
  if ('not' in node) return filterConditions(node.not);
  return [node];
}
