/**
 * The program's own structured dates and names, which the redactor keeps: engine messages quote gate due dates,
 * milestone baselines and phase ids, none of which is about a patient. Dates of people never come from here.
 */
import type { Program, ProgramEvaluation } from '../model';
import type { RedactOptions } from './redact';

const ISO = /^\d{4}-\d{2}-\d{2}/;

export function programAllowList(program: Program, evaluation?: ProgramEvaluation): Required<Pick<RedactOptions, 'allowDates' | 'allowTerms'>> {
  const dates = new Set<string>();
  const terms = new Set<string>([program.id, program.name]);
  const date = (d: string | null | undefined): void => {
    const m = d ? ISO.exec(d) : null;
    if (m) dates.add(m[0]);
  };
  date(program.start);
  date(program.baselineDate);
  for (const p of program.phases) {
    date(p.start);
    date(p.end);
    terms.add(p.id).add(p.name);
  }
  for (const m of program.milestones) {
    date(m.baseline);
    terms.add(m.id).add(m.name);
  }
  for (const g of program.gates) terms.add(g.id).add(g.name).add(g.regulation).add(g.citation);
  for (const s of program.signoffs) terms.add(s.id).add(s.role).add(s.scope);
  for (const h of program.calendar.holidays) date(h);
  if (evaluation) {
    for (const g of [...evaluation.gates, ...evaluation.signoffs]) {
      date(g.due);
      date(g.windowStart);
    }
    for (const f of evaluation.forecasts) {
      date(f.baseline);
      date(f.p50);
      date(f.p85);
    }
    for (const e of evaluation.escalations) date(e.due);
  }
  // Short or empty names would match inside other words; keep only meaningful ones.
  return { allowDates: [...dates], allowTerms: [...terms].filter((t) => t.trim().length >= 3) };
}
