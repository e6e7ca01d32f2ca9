/**
 * The JQL subset the sandbox understands: project, labels, issuetype/type, statusCategory, status, key/issuekey,
 * priority, parent, fixVersion, updated/created/duedate comparisons, =, !=, IN, NOT IN, >, >=, <, <=, IS [NOT] EMPTY,
 * AND/OR/NOT, parentheses, ORDER BY. Errors carry messages shaped like Jira's 400 `errorMessages`.
 */
export class JqlError extends Error {}

type Value = string | string[] | null;
export type JqlNode =
  | { kind: 'and'; left: JqlNode; right: JqlNode }
  | { kind: 'or'; left: JqlNode; right: JqlNode }
  | { kind: 'not'; node: JqlNode }
  | { kind: 'clause'; field: string; op: string; value: Value };

export interface OrderTerm {
  field: string;
  dir: 'ASC' | 'DESC';
}

export interface ParsedJql {
  where: JqlNode | null;
  order: OrderTerm[];
}

const FIELDS: Record<string, string> = {
  project: 'project', labels: 'labels', label: 'labels', issuetype: 'issuetype', type: 'issuetype',
  statuscategory: 'statusCategory', status: 'status', key: 'key', issuekey: 'key', id: 'key', priority: 'priority',
  parent: 'parent', fixversion: 'fixVersion', updated: 'updated', updateddate: 'updated', created: 'created',
  createddate: 'created', duedate: 'duedate', due: 'duedate', assignee: 'assignee', component: 'component',
};
const ORDERABLE = new Set(['updated', 'created', 'key', 'priority', 'duedate']);
const OPS = ['>=', '<=', '!=', '=', '>', '<', '~'];

interface Token {
  t: 'word' | 'str' | 'op' | 'lp' | 'rp' | 'comma';
  v: string;
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src.charAt(i);
    if (/\s/.test(c)) { i += 1; continue; }
    if (c === '(') { out.push({ t: 'lp', v: c }); i += 1; continue; }
    if (c === ')') { out.push({ t: 'rp', v: c }); i += 1; continue; }
    if (c === ',') { out.push({ t: 'comma', v: c }); i += 1; continue; }
    if (c === '"' || c === "'") {
      const end = src.indexOf(c, i + 1);
      if (end < 0) throw new JqlError(`Error in the JQL Query: The quoted string '${src.slice(i, i + 20)}' has not been completed.`);
      out.push({ t: 'str', v: src.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op) { out.push({ t: 'op', v: op }); i += op.length; continue; }
    const m = /^[^\s(),=!<>~"']+/.exec(src.slice(i));
    if (!m) throw new JqlError(`Error in the JQL Query: The character '${c}' is a reserved JQL character.`);
    out.push({ t: 'word', v: m[0] });
    i += m[0].length;
  }
  return out;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined { return this.tokens[this.i]; }
  private isWord(w: string, at = 0): boolean {
    const tok = this.tokens[this.i + at];
    return tok?.t === 'word' && tok.v.toUpperCase() === w;
  }
  private fail(expected: string): never {
    const got = this.peek();
    throw new JqlError(`Error in the JQL Query: Expecting ${expected} but got ${got ? `'${got.v}'` : 'the end of the query'}.`);
  }

  parse(): ParsedJql {
    let where: JqlNode | null = null;
    if (this.peek() && !(this.isWord('ORDER') && this.isWord('BY', 1))) where = this.or();
    const order: OrderTerm[] = [];
    if (this.isWord('ORDER')) {
      this.i += 1;
      if (!this.isWord('BY')) this.fail("'BY'");
      this.i += 1;
      do {
        if (order.length) this.i += 1;
        const tok = this.peek();
        if (!tok || (tok.t !== 'word' && tok.t !== 'str')) this.fail('a field name');
        const field = FIELDS[tok.v.toLowerCase()];
        if (!field || !ORDERABLE.has(field)) throw new JqlError(`Field '${tok.v}' does not exist or you do not have permission to view it.`);
        this.i += 1;
        let dir: 'ASC' | 'DESC' = 'ASC';
        if (this.isWord('ASC') || this.isWord('DESC')) { dir = (this.peek()?.v.toUpperCase() as 'ASC' | 'DESC'); this.i += 1; }
        order.push({ field, dir });
      } while (this.peek()?.t === 'comma');
      if (order.length > 7) throw new JqlError('The ORDER BY clause may name at most 7 fields.');
    }
    if (this.peek()) this.fail("'AND', 'OR' or 'ORDER BY'");
    return { where, order };
  }

  private or(): JqlNode {
    let left = this.and();
    while (this.isWord('OR')) { this.i += 1; left = { kind: 'or', left, right: this.and() }; }
    return left;
  }

  private and(): JqlNode {
    let left = this.unary();
    while (this.isWord('AND')) { this.i += 1; left = { kind: 'and', left, right: this.unary() }; }
    return left;
  }

  private unary(): JqlNode {
    if (this.isWord('NOT')) { this.i += 1; return { kind: 'not', node: this.unary() }; }
    if (this.peek()?.t === 'lp') {
      this.i += 1;
      const inner = this.or();
      if (this.peek()?.t !== 'rp') this.fail("')'");
      this.i += 1;
      return inner;
    }
    return this.clause();
  }

  private clause(): JqlNode {
    const tok = this.peek();
    if (!tok || (tok.t !== 'word' && tok.t !== 'str')) this.fail('a field name');
    const field = FIELDS[tok.v.toLowerCase()];
    if (!field) throw new JqlError(`Field '${tok.v}' does not exist or you do not have permission to view it.`);
    this.i += 1;
    let op: string;
    if (this.peek()?.t === 'op') op = (this.tokens[this.i++] as Token).v;
    else if (this.isWord('IN')) { op = 'IN'; this.i += 1; }
    else if (this.isWord('NOT') && this.isWord('IN', 1)) { op = 'NOT IN'; this.i += 2; }
    else if (this.isWord('IS') && this.isWord('NOT', 1)) { op = 'IS NOT'; this.i += 2; }
    else if (this.isWord('IS')) { op = 'IS'; this.i += 1; }
    else this.fail("an operator ('=', '!=', 'IN', '>=', ...)");
    if (op === '~') throw new JqlError(`The operator '~' is not supported by field '${tok.v}'.`);
    if (op === 'IS' || op === 'IS NOT') {
      if (!this.isWord('EMPTY') && !this.isWord('NULL')) this.fail("'EMPTY'");
      this.i += 1;
      return { kind: 'clause', field, op, value: null };
    }
    if (op === 'IN' || op === 'NOT IN') {
      if (this.peek()?.t !== 'lp') this.fail("'('");
      this.i += 1;
      const list: string[] = [];
      for (;;) {
        list.push(this.scalar());
        if (this.peek()?.t === 'comma') { this.i += 1; continue; }
        if (this.peek()?.t === 'rp') { this.i += 1; break; }
        this.fail("',' or ')'");
      }
      return { kind: 'clause', field, op, value: list };
    }
    return { kind: 'clause', field, op, value: this.scalar() };
  }

  private scalar(): string {
    const tok = this.peek();
    if (!tok || (tok.t !== 'word' && tok.t !== 'str')) this.fail('a value');
    this.i += 1;
    return tok.v;
  }
}

export function parseJql(src: string): ParsedJql {
  const parsed = new Parser(tokenize(src)).parse();
  if (!parsed.where) throw new JqlError('Unbounded JQL queries are not allowed here. Please add a search restriction to your query.');
  return parsed;
}

const RELATIVE = /^([+-]?\d+)([mhdw])$/i;
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** A JQL date (`yyyy-MM-dd`, `yyyy/MM/dd HH:mm`, `-15m`) as ms; the sandbox user's time zone is UTC. */
export function jqlDateMs(value: string, nowMs: number): number {
  const rel = RELATIVE.exec(value);
  if (rel) return nowMs + Number(rel[1]) * (UNIT_MS[(rel[2] ?? 'm').toLowerCase()] ?? 60_000);
  const m = /^(\d{4})[-/](\d\d)[-/](\d\d)(?: (\d\d):(\d\d))?$/.exec(value);
  if (!m) throw new JqlError(`Date value '${value}' for field 'updated' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0));
}
