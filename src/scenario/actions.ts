/**
 * The scenario's `management_actions:` list (docs/scenario-format.md, "Management actions"): one
 * entry per action, told apart by `type`. Cross-checks (products and outflows named, dates against the
 * start, "exactly one of" the timing keys) are in `checkActions`, run with the scenario's other
 * cross-checks so every problem is reported in one pass, located, with a hint.
 */
import * as z from 'zod';
import { isoDate as formatIsoDate } from '../dates.js';
import { LIMITS } from './limits.js';
import { messages, type Problem } from '../messages/catalogue.js';

type Loose = Record<string, any>;
const rec = (x: unknown): x is Loose => typeof x === 'object' && x !== null && !Array.isArray(x);
const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

/** The shared value schemas of ./schema.ts, handed in (it imports this module). */
export interface ActionValueSchemas {
  readonly amount: z.ZodType<number, unknown>;
  readonly isoDate: z.ZodType<number, string>;
  readonly share: z.ZodNumber;
  readonly name: z.ZodString;
}

export const ACTION_TYPES = ['suspend_surrenders', 'intragroup_loan', 'cancel_outflow', 'outreach'] as const;

/** The list's schema, from the shared value schemas. */
export function managementActionsSchema(v: ActionValueSchemas) {
  const days = z.int().min(1).max(LIMITS.days);
  const suspend = z.strictObject({
    name: v.name,
    type: z.literal('suspend_surrenders'),
    from: v.isoDate.meta({ description: 'First date whose surrender requests are deferred.' }),
    until: v.isoDate.optional().meta({ description: 'Date the deferred requests fall due (paid from the next business day); or give `days`.' }),
    days: days.optional().meta({ description: 'Length of the suspension in calendar days (instead of `until`).' }),
    products: z.array(v.name).min(1).optional().meta({ description: 'Products whose surrenders are suspended (default: all).' }),
  });
  const loan = z.strictObject({
    name: v.name,
    type: z.literal('intragroup_loan'),
    amount: v.amount.meta({ description: 'Amount the parent lends; it arrives as cash.' }),
    from: v.isoDate.optional().meta({ description: 'Dated loan: the date it is requested.' }),
    when_backlog_above: v.amount.optional().meta({ description: 'Triggered loan: requested the day after the backlog first exceeds this.' }),
    notice_days: z.int().min(0).max(LIMITS.days).default(0).meta({ description: 'Business days from the request to the money arriving.' }),
    probability: v.share.default(1).meta({ description: 'Probability (per path) that the parent agrees.' }),
  });
  const cancel = z.strictObject({
    name: v.name,
    type: z.literal('cancel_outflow'),
    outflow: v.name.meta({ description: 'Name of the other outflow (liabilities.other_outflows) that is cancelled.' }),
    from: v.isoDate.optional().meta({ description: 'Dated: outflows due on or after this date are not paid.' }),
    when_headroom_below: v.amount.optional().meta({ description: 'Triggered: from the day after headroom first falls below this.' }),
  });
  const outreach = z.strictObject({
    name: v.name,
    type: z.literal('outreach'),
    from: v.isoDate.meta({ description: 'First day of the campaign.' }),
    contacts_per_day: z.int().min(1).max(1e9).meta({ description: 'Policyholders contacted per business day.' }),
    take_up: v.share.meta({ description: 'Share of the contacted who act on it.' }),
    surrender_damping: v.share.default(1).meta({ description: 'Share of the shock excess removed for those reached (default 1).' }),
    late_claim_rate: v.share.optional().meta({ description: 'Monthly late-claim rate of unclaimed money of those reached.' }),
  });
  return z
    .array(z.discriminatedUnion('type', [suspend, loan, cancel, outreach]))
    .max(64)
    .optional()
    .meta({ description: 'Management actions: surrender suspension, intra-group loan, outflow cancellation, outreach campaign (docs/model.md).' });
}

/** Adds a problem at a path relative to the scenario. */
export type Reporter = (problem: Problem, path: (string | number)[]) => void;

/**
 * Cross-checks of the actions against the rest of the scenario: unique names, products and outflows
 * that exist, one timing key each, dates not before the start, `until` after `from`.
 */
export function checkActions(s: Loose, startDay: number | undefined, dayOf: (x: unknown) => number | undefined, report: Reporter): void {
  const liabilities = rec(s.liabilities) ? s.liabilities : {};
  const products = rec(liabilities.products) ? Object.keys(liabilities.products) : undefined;
  const outflows = [...new Set(list(liabilities.other_outflows).flatMap((o) => (rec(o) && typeof o.name === 'string' ? [o.name] : [])))];
  const names = new Set<string>();
  const cancelled = new Set<string>();
  const start = startDay === undefined ? '' : formatIsoDate(startDay);
  list(s.management_actions).forEach((a, i) => {
    if (!rec(a)) return;
    const at = (...keys: (string | number)[]) => ['management_actions', i, ...keys];
    if (typeof a.name === 'string') {
      if (names.has(a.name)) report(messages.duplicateName('management action', a.name), at('name'));
      names.add(a.name);
    }
    const oneOf = (keys: [string, string]) => {
      const present = keys.filter((k) => a[k] !== undefined);
      if (present.length !== 1) report(messages.exactlyOneOf(keys, present), present.length > 1 ? at(keys[1]) : at());
    };
    const from = dayOf(a.from);
    if (from !== undefined && startDay !== undefined && from < startDay) {
      report(messages.beforeScenarioStart('the action', start, formatIsoDate(from)), at('from'));
    }
    if (a.type === 'suspend_surrenders') {
      oneOf(['until', 'days']);
      const until = dayOf(a.until);
      if (from !== undefined && until !== undefined && until <= from) {
        report(messages.outOfRange(`a date after \`from\` (${formatIsoDate(from)})`, formatIsoDate(until), 'a suspension lasts at least one day: requests filed on [from, until) are deferred to until'), at('until'));
      }
      if (products !== undefined) {
        list(a.products).forEach((p, k) => {
          if (typeof p === 'string' && !products.includes(p)) report(messages.unknownReference('product', p, products), at('products', k));
        });
      }
    } else if (a.type === 'intragroup_loan') {
      oneOf(['from', 'when_backlog_above']);
    } else if (a.type === 'cancel_outflow') {
      oneOf(['from', 'when_headroom_below']);
      if (typeof a.outflow === 'string') {
        if (!outflows.includes(a.outflow)) report(messages.unknownReference('other outflow', a.outflow, outflows), at('outflow'));
        else if (cancelled.has(a.outflow)) report(messages.duplicateName('cancelled outflow', a.outflow), at('outflow'));
        cancelled.add(a.outflow);
      }
    }
  });
}
