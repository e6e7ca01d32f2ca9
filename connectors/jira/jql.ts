/** JQL text for the pull. Dates in JQL have minute precision and are read in the API user's time zone. */

const pad = (n: number): string => String(n).padStart(2, '0');

/** `yyyy-MM-dd HH:mm` of `ms` as a wall clock at `offset` (`+0200`), floored to the minute (so the bound only widens). */
export function jqlDate(ms: number, offset: string): string {
  const sign = offset.startsWith('-') ? -1 : 1;
  const minutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(3, 5)));
  const d = new Date(ms + minutes * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** The offset Jira wrote a stamp in (`…+0000` → `+0000`); `+0000` when the stamp carries `Z` or none. */
export function stampOffset(raw: string): string {
  const m = /([+-])(\d\d):?(\d\d)$/.exec(raw);
  return m ? `${m[1]}${m[2]}${m[3]}` : '+0000';
}

const ORDER = 'ORDER BY updated ASC, key ASC';

/** The configured scope without any ORDER BY of its own (it cannot sit inside parentheses). */
function scope(jql: string): string {
  return jql.replace(/\border\s+by\b[\s\S]*$/i, '').trim();
}

export function fullQuery(jql: string): string {
  return `(${scope(jql)}) ${ORDER}`;
}

export function sinceQuery(jql: string, sinceMs: number, offset: string): string {
  return `(${scope(jql)}) AND updated >= "${jqlDate(sinceMs, offset)}" ${ORDER}`;
}

export function keysQuery(jql: string): string {
  return `(${scope(jql)}) ORDER BY key ASC`;
}
