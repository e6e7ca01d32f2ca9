import type { EarnedValue, MilestoneForecast, Risk } from '../model';
import type { EvalContext } from './context';
import type { GateFacts } from './gate-state';

/** What the scoring side has already worked out, shared with the risk rules. */
export interface RuleFacts {
  gates: GateFacts[];
  signoffs: GateFacts[];
  forecasts: MilestoneForecast[];
  earnedValue: EarnedValue;
}

export type RiskRule = (ctx: EvalContext, facts: RuleFacts) => Risk[];

/** Aggregated risks and deductions list at most this many items (the message gives the full count). */
export const MAX_LISTED_ITEMS = 50;
