/** One config problem, located in a file. Messages never hold secret values (see `scrubSecrets`). */
export interface ConfigIssue {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  col: number;
  /** Dotted path into the document, e.g. `programs[0].rules[2].set.gate`; empty for the whole file. */
  path: string;
  message: string;
  /** What to change; shown as `(fix: …)`. */
  fix: string | null;
}

export type PathSegment = string | number;

export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** `file:line:col  path  message  (fix: …)`, one line per issue, in file then position order. */
export function formatIssues(errors: readonly ConfigIssue[]): string {
  return sortIssues(errors)
    .map((e) => {
      const parts = [`${e.file}:${e.line}:${e.col}`];
      if (e.path) parts.push(e.path);
      parts.push(e.message);
      if (e.fix) parts.push(`(fix: ${e.fix})`);
      return parts.join('  ');
    })
    .join('\n');
}

export function sortIssues(errors: readonly ConfigIssue[]): ConfigIssue[] {
  return [...errors].sort((a, b) => (a.file === b.file ? a.line - b.line || a.col - b.col : a.file < b.file ? -1 : 1));
}

/**
 * Replace every secret value that slipped into a message with `***`. Belt and braces: messages are built
 * from keys and ids, but a secret could still land in one through a user's own id or pattern.
 */
export function scrubSecrets(issue: ConfigIssue, secrets: ReadonlySet<string>): ConfigIssue {
  let { message, fix, path } = issue;
  for (const s of secrets) {
    if (s.length < 4) continue;
    message = message.split(s).join('***');
    path = path.split(s).join('***');
    if (fix) fix = fix.split(s).join('***');
  }
  return { ...issue, message, fix, path };
}
