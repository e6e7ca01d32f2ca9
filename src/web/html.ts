/** Tiny HTML templating: every interpolated value goes through `esc` unless it is already `Html`. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function esc(s: unknown): string {
  return String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

type Part = Html | string | number | null | undefined | false | Array<Html | string>;

function render(p: Part): string {
  if (p === null || p === undefined || p === false) return '';
  if (Array.isArray(p)) return p.map((x) => (x instanceof Html ? x.value : esc(x))).join('');
  return p instanceof Html ? p.value : esc(p);
}

/** Tagged template: `html\`<td>${value}</td>\`` escapes `value`. */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

export function raw(s: string): Html {
  return new Html(s);
}

export const RAG_LABEL: Record<string, string> = { green: 'Green', amber: 'Amber', red: 'Red' };
/** A shape per RAG as well as a colour, so colour is never the only signal. */
export const RAG_ICON: Record<string, string> = { green: '●', amber: '▲', red: '■' };

export function ragBadge(rag: string | null): Html {
  if (!rag) return html`<span class="rag rag-none">Not evaluated</span>`;
  return html`<span class="rag rag-${rag}"><span aria-hidden="true">${RAG_ICON[rag] ?? ''}</span> ${RAG_LABEL[rag] ?? rag}</span>`;
}

/** Only http(s) links are rendered as links; anything else is shown as text. */
export function safeHref(url: string): string | null {
  return /^https?:\/\//i.test(url) ? url : null;
}
