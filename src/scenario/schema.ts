/**
 * The scenario format as zod schemas: the single definition behind validation (`loadScenario`), the
 * JSON Schema for editors (`liqsim schema`) and the typed, normalised scenario the model is compiled
 * from. Parsing turns amounts into integer cents and dates into epoch days; objects are strict so a
 * mistyped key is an error, not a silently ignored setting.
 */
import * as z from 'zod';
import { FIRST_DAY, LAST_DAY, parseIsoDate, isoDate as formatIsoDate } from '../dates.js';
import { MAX_CENTS, grownAtYield, parseAmount } from './amounts.js';
import { messages } from '../messages/catalogue.js';
import { LIMITS } from './limits.js';
import type { Problem } from '../messages/catalogue.js';
import { ASSET_CLASSES } from '../regulatory/config.js';
import { checkActions, managementActionsSchema } from './actions.js';

type Ctx = z.core.$RefinementCtx;

/**
 * What a value of a shared schema should look like, in words, for "expected ..." in messages. Keyed
 * by the schema's definition, which `.meta()` copies keep.
 */
const expectedTexts = new WeakMap<object, string>();

function expects<T extends z.ZodType>(schema: T, text: string): T {
  expectedTexts.set(schema._zod.def, text);
  return schema;
}

/** The registered "expected" wording of a schema, if any. */
export function expectedTextOf(schema: z.ZodType): string | undefined {
  return expectedTexts.get(schema._zod.def);
}

/** Records a problem at `path` (relative to the value being refined). */
function report(ctx: Ctx, problem: Problem, path: (string | number)[] = []): void {
  ctx.addIssue({ code: 'custom', message: problem.message, path, params: { problem } });
}

/**
 * Refinements marked ALWAYS run even when other parts of the value failed (zod skips them by default),
 * so cross-checks are reported in the same pass as type errors. They read their value defensively:
 * any part may be missing, raw input, or not parsed.
 */
const ALWAYS = { when: () => true };
type Loose = Record<string, any>;
const rec = (x: unknown): x is Loose => typeof x === 'object' && x !== null && !Array.isArray(x);
const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
/** An epoch day: parsed already (a number) or still ISO text (when run by `crossCheckIssues`). */
/**
 * A date field as an epoch day: validated output holds epoch days (numbers); the unparsed scenario
 * (`raw`) holds ISO text, where a number is a type error zod reports, never a day to compare. A
 * refinement also sees a field whose parse failed, with the user's number in it: only a number a
 * date can parse to is a day (3e9 there made the cross-checks format a date past year 275,760 and
 * stop with an internal error; fuzz seed 3, case 1702).
 */
const dayOfValue = (x: unknown, raw = false): number | undefined =>
  typeof x === 'number'
    ? raw || !Number.isSafeInteger(x) || x < FIRST_DAY || x > LAST_DAY
      ? undefined
      : x
    : typeof x === 'string'
      ? (parseIsoDate(x.trim()) ?? undefined)
      : undefined;

// ---------------------------------------------------------------------------------------------
// Shared value types

const AMOUNT_TEXT = 'an amount in currency units (a number such as 18_000_000_000, 60e9 or 1234.56, or the same as text)';

/** An amount in currency units, read exactly and converted to integer cents. */
export const amount = z
  .union([z.number(), z.string()])
  .meta({ description: 'Amount in currency units: >= 0, whole cents. A number (18_000_000_000, 60e9) or a decimal string ("1.5e9").' })
  .transform((value, ctx) => {
    const result = parseAmount(value);
    if (result.ok) return result.cents;
    const problem =
      result.problem === 'negative'
        ? messages.negativeAmount(value)
        : result.problem === 'sub-cent'
          ? messages.subCentAmount(value)
          : result.problem === 'too-large'
            ? messages.amountTooLarge(value)
            : messages.notAnAmount(value);
    report(ctx, problem);
    return z.NEVER;
  });
expects(amount, AMOUNT_TEXT);
expects(amount.def.in, AMOUNT_TEXT);

/** Keys whose values are amounts: their numbers are re-read from the source text (see `exactAmounts`). */
export const AMOUNT_KEYS: ReadonlySet<string> = new Set([
  'value',
  'maturity_value',
  'amount',
  'monthly',
  'cash',
  'minimum_cash',
  'limit',
  'daily_capacity',
  'daily_draw_cap',
  'daily_limit',
  'per_transfer_limit',
  'when_backlog_above',
  'when_headroom_below',
]);

const DATE_TEXT = 'an ISO date YYYY-MM-DD';

/** An ISO date, as an epoch day. */
export const isoDate = z
  .string()
  .meta({ description: 'ISO date YYYY-MM-DD', format: 'date' })
  .transform((value, ctx) => {
    const day = parseIsoDate(value);
    if (day !== null) return day;
    report(ctx, messages.invalidDate(value));
    return z.NEVER;
  });
expects(isoDate, DATE_TEXT);
expects(isoDate.def.in, DATE_TEXT);

/** A date or an inclusive range `A..B`, as epoch days. */
const dateOrRange = z
  .string()
  .meta({ description: 'ISO date YYYY-MM-DD, or an inclusive range YYYY-MM-DD..YYYY-MM-DD', pattern: '^\\d{4}-\\d{2}-\\d{2}(\\.\\.\\d{4}-\\d{2}-\\d{2})?$' })
  .transform((value, ctx) => {
    const [a, b, ...rest] = value.split('..');
    const from = parseIsoDate(a.trim());
    const to = b === undefined ? from : parseIsoDate(b.trim());
    if (from === null || to === null || rest.length > 0) {
      report(ctx, messages.invalidDateRange(value));
      return z.NEVER;
    }
    if (to < from) {
      report(ctx, messages.endBeforeStart('the date range', formatIsoDate(from), formatIsoDate(to)));
      return z.NEVER;
    }
    return { from, to };
  });
expects(dateOrRange, 'an ISO date YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD');
expects(dateOrRange.def.in, 'an ISO date YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD');

/** A probability or share of a whole. */
const share = expects(z.number().min(0).max(1), 'a number from 0 to 1');
const name = expects(z.string().min(1), 'a non-empty name');
/** A day count: bounded (LIMITS.days) so no key can make the model allocate or loop without end. */
const days = (min: number) => z.int().min(min).max(LIMITS.days);

/** A per-path random share: a fixed number, a beta distribution (mean, sd) or a uniform range. */
const betaShare = z
  .strictObject({
    dist: z.literal('beta'),
    mean: z.number().gt(0).lt(1).meta({ description: 'Mean share, strictly between 0 and 1.' }),
    sd: z.number().gt(0).meta({ description: 'Standard deviation; needs sd^2 < mean (1 - mean).' }),
  })
  .superRefine((d, ctx) => {
    // Only meaningful once mean and sd are in range (zod runs this even when they are not).
    if (d.mean > 0 && d.mean < 1 && d.sd > 0 && d.sd * d.sd >= d.mean * (1 - d.mean)) report(ctx, messages.impossibleBeta(d.mean, d.sd), ['sd']);
  });
const uniformShare = z
  .strictObject({ dist: z.literal('uniform'), low: share, high: share })
  .superRefine((d, ctx) => {
    if (d.high < d.low) report(ctx, messages.outOfRange(`a number >= low (${d.low})`, d.high), ['high']);
  });
const shareDistribution = expects(
  z.union([share, z.discriminatedUnion('dist', [betaShare, uniformShare])]),
  'a share from 0 to 1, `{ dist: beta, mean, sd }` or `{ dist: uniform, low, high }`',
);

function checkScheduledItem(item: Loose, ctx: Ctx): void {
    if (!rec(item)) return;
    const dated = item.date !== undefined || item.amount !== undefined;
    if (dated && item.monthly !== undefined) {
      const present = [item.date !== undefined ? 'date' : '', item.amount !== undefined ? 'amount' : '', 'monthly'].filter(Boolean);
      report(ctx, messages.exactlyOneOf(['date` + `amount', 'monthly'], present), ['monthly']);
    } else if (!dated && item.monthly === undefined) {
      report(ctx, messages.exactlyOneOf(['date` + `amount', 'monthly'], []));
    } else if (dated) {
      if (item.date === undefined) report(ctx, messages.missingKey('date', DATE_TEXT), ['date']);
      if (item.amount === undefined) report(ctx, messages.missingKey('amount', AMOUNT_TEXT), ['amount']);
    }
    if (item.day_of_month !== undefined && item.monthly === undefined) report(ctx, messages.onlyWith('day_of_month', 'monthly'), ['day_of_month']);
  }

/** A dated one-off amount, or a monthly amount from the start to the end of the horizon. */
const scheduledItem = z
  .strictObject({
    name,
    date: isoDate.optional().meta({ description: 'Due date of a one-off amount (rolled to the next business day).' }),
    amount: amount.optional().meta({ description: 'One-off amount due on `date`.' }),
    monthly: amount.optional().meta({ description: 'Amount due every month of the horizon.' }),
    day_of_month: z.int().min(1).max(31).optional().meta({ description: 'Day of the month for `monthly` (default 1; clamped to the month end).' }),
  })
  .superRefine(checkScheduledItem as never, ALWAYS);

// ---------------------------------------------------------------------------------------------
// Sections

const calendar = z
  .strictObject({
    weekends: z.boolean().default(true).meta({ description: 'true: Saturdays and Sundays are not business days.' }),
    holidays: z.array(dateOrRange).default([]).meta({ description: 'Closed dates or ranges (A..B, inclusive). They win over extra_business_days.' }),
    extra_business_days: z.array(dateOrRange).default([]).meta({ description: 'Weekend dates that are working days (make-up days around long holidays).' }),
  })
  .meta({ description: 'Business-day calendar. What falls due on a closed day is paid on the next business day.' });

const claimLag = z
  .strictObject({
    day0: share.meta({ description: 'Share of a matured amount claimed on the due date.' }),
    after_days: z
      .record(
        expects(
          z.string().regex(/^[1-9]\d*$/).refine((k) => Number(k) <= LIMITS.days),
          `a whole number of days from 1 to ${LIMITS.days}`,
        ),
        share,
      )
      .default({})
      .meta({ description: 'Share claimed k calendar days after the due date, by k: `{7: 0.2, 30: 0.07}`.' }),
  })
  .superRefine((lag, ctx) => {
    const total = lag.day0 + Object.values(lag.after_days).reduce((a, b) => a + b, 0);
    if (total > 1 + 1e-9) report(ctx, messages.sharesAboveOne(total));
  })
  .meta({ description: 'When customers claim a matured amount; shares sum to at most 1, the rest stays unclaimed.' });

const product = z.strictObject({
  base_surrender_rate: share.meta({ description: 'Annual surrender rate before stress (0.06 = 6% a year).' }),
  surrender_charge: share.default(0).meta({ description: 'Fraction of account value kept by the insurer on surrender.' }),
  rollover_share: shareDistribution.default(0).meta({ description: 'Share of a maturing amount reinvested instead of paid out, drawn per path.' }),
  claim_lag: claimLag.default({ day0: 1, after_days: {} }),
  unclaimed_late_claim_rate: share.default(0).meta({ description: 'Monthly probability that an unclaimed amount is claimed.' }),
  account_failure: z
    .strictObject({
      rate: share.meta({ description: 'Share of payouts that bounce on a bad account.' }),
      retry_after_days: days(1).meta({ description: 'Days until a bounced payout is ready to pay again.' }),
    })
    .default({ rate: 0, retry_after_days: 1 }),
});

/**
 * Bounds on a cohort's annual yield, given (guaranteed_yield) or implied by maturity_value: outside
 * them the figure is almost surely a typo (a unit slip, a wrong date) and the simulated book would be
 * silently wrong.
 */
export const IMPLIED_YIELD_MIN = -0.5;
export const IMPLIED_YIELD_MAX = 1;

function checkCohort(c: Loose, ctx: Ctx): void {
    if (!rec(c)) return;
    if ((c.guaranteed_yield === undefined) === (c.maturity_value === undefined)) {
      const present = [c.guaranteed_yield !== undefined ? 'guaranteed_yield' : '', c.maturity_value !== undefined ? 'maturity_value' : ''].filter(Boolean);
      report(ctx, messages.exactlyOneOf(['guaranteed_yield', 'maturity_value'], present), present.length > 1 ? ['maturity_value'] : []);
    }
    if (c.maturity_value !== undefined && c.value === 0) {
      report(ctx, messages.outOfRange('a value above 0 when maturity_value is given (the yield is implied from both)', 0), ['value']);
    }
  }

const cohort = z
  .strictObject({
    product: name.meta({ description: 'Key of the product in liabilities.products.' }),
    maturity_date: isoDate,
    value: amount.meta({ description: 'In-force account value at the start.' }),
    count: z.int().min(1).meta({ description: 'Number of policies.' }),
    guaranteed_yield: z
      .number()
      .min(IMPLIED_YIELD_MIN)
      .max(IMPLIED_YIELD_MAX)
      .optional()
      .meta({ description: 'Guaranteed annual yield from -0.5 to 1 (0.045 = 4.5%); or give maturity_value.' }),
    maturity_value: amount.optional().meta({ description: 'Amount due at maturity if nothing is surrendered; the yield is implied.' }),
    surrender_charge: share.optional().meta({ description: "Fraction kept on surrender for this cohort (default: the product's)." }),
    account_status: z
      .enum(['ok', 'known_bad'])
      .optional()
      .meta({ description: 'known_bad: every payout of the cohort first bounces and is re-submitted after the product\'s retry_after_days.' }),
    bank: name.optional().meta({ description: 'Bank of the payout accounts (carried to the book section of the report).' }),
    segment: name.optional().meta({ description: 'Customer segment (carried to the book section of the report).' }),
  })
  .superRefine(checkCohort as never, ALWAYS);


/** (maturity_value / value)^(365 / days) − 1, in logs so a large ratio over few days gives Infinity, not NaN. */
export function impliedAnnualYield(value: number, maturityValue: number, days: number): number {
  return Math.expm1((Math.log(maturityValue / value) * 365) / days);
}

const liabilities = z.strictObject({
  products: z.record(name, product).meta({ description: 'Product terms by product name.' }),
  cohorts: z.array(cohort).default([]).meta({ description: 'Cohorts (model points), inline.' }),
  cohorts_csv: z
    .string()
    .optional()
    .meta({ description: 'CSV file of cohorts, relative to this file: header product,maturity_date,value,count,guaranteed_yield (or maturity_value).' }),
  policies: z
    .union([z.string(), z.array(z.string()).min(1)])
    .optional()
    .meta({ description: 'Policy file(s), one row per policy (CSV, gzip accepted, or Parquet), compressed to cohorts: docs/scenario-format.md, "Policy files".' }),
  policies_rejects: z
    .string()
    .optional()
    .meta({ description: 'Quarantine: write rows that fail the checks to this CSV (row + reason) and run on the rest.' }),
  other_outflows: z.array(scheduledItem).default([]).meta({ description: 'Expenses, loan repayments, claims: not limited by payment channels.' }),
});

const shock = z.strictObject({
  name,
  date: isoDate.meta({ description: 'Day the shock hits (may be before the start).' }),
  probability: share.default(1).meta({ description: 'Probability the shock happens on a path.' }),
  peak_multiplier: z.number().min(1).meta({ description: 'Surrender hazard multiplier at the peak (1 = no effect).' }),
  // A half-life sizes no table and no loop, so it may be far longer than a horizon: 1e9 days is a
  // stress that does not fade within any run.
  half_life_days: z.number().gt(0).max(1e9).meta({ description: 'Days for the excess hazard to halve (at most 1e9: a shock that does not fade).' }),
});

const surrenderStress = z
  .strictObject({
    level: z
      .strictObject({ dist: z.literal('lognormal'), sd: z.number().min(0).meta({ description: 'Standard deviation of log(level); the level has mean 1.' }) })
      .optional()
      .meta({ description: 'Uncertainty in the overall surrender level, drawn once per path.' }),
    daily_noise_sd: z.number().min(0).default(0).meta({ description: 'Standard deviation of a daily lognormal noise on the hazard.' }),
    shocks: z.array(shock).default([]),
    contagion: z
      .strictObject({
        strength: z.number().min(0).max(0.95).meta({ description: "How much of yesterday's excess surrender intensity carries into today (0 to 0.95)." }),
        decay_days: z.number().gt(0).max(LIMITS.days),
      })
      .optional(),
    mitigation: z
      .strictObject({
        from: isoDate.meta({ description: 'Date customer notification takes effect.' }),
        notified_share: share,
        damping: share.meta({ description: 'Fraction of the shock excess removed for notified customers.' }),
      })
      .optional()
      .meta({ description: 'Shock excess is scaled by 1 - notified_share * damping from `from`.' }),
    mass_lapse: z
      .strictObject({ date: isoDate, share: share.meta({ description: 'Share of in-force value surrendered at once (Solvency II: 0.40).' }) })
      .optional(),
    multiplier_applies_to: z
      .enum(['daily_hazard', 'annual_rate'])
      .default('daily_hazard')
      .meta({
        description:
          'What the stress multiplier scales: the daily hazard (default), or the annual surrender rate capped at 100% each day, as Solvency II lapse-up and the C-ROSS surrender stress do.',
      }),
  })
  .meta({ description: 'How surrenders are stressed over the horizon.' });

const asset = z.strictObject({
  name,
  amount: amount.meta({ description: 'Market value available for sale.' }),
  haircut: z
    .union([share, expects(z.tuple([share, share]), 'a range [low, high] of numbers from 0 to 1')])
    .default(0)
    .meta({ description: 'Haircut on sale: a fixed fraction, or [low, high] drawn uniformly per path.' }),
  settlement_days: days(0).default(0).meta({ description: 'Proceeds arrive this many business days after the sale (T+n).' }),
  daily_capacity: amount.optional().meta({ description: 'Market value that can be sold per business day (default: all of it).' }),
  class: z
    .enum(ASSET_CLASSES)
    .optional()
    .meta({
      description:
        'Liquidity class for the regulatory ratios (Basel III HQLA levels): L1, L2A, L2B_RMBS, L2B. Sales are reported by class; an asset without a class is not counted as a high-quality liquid asset.',
    }),
}).superRefine((a, ctx) => {
  if (Array.isArray(a.haircut) && a.haircut[1] < a.haircut[0]) report(ctx, messages.outOfRange(`a high end >= ${a.haircut[0]}`, a.haircut[1]), ['haircut', 1]);
});

const creditLine = z
  .strictObject({
    bank: name,
    limit: amount,
    from: isoDate.optional().meta({ description: 'First date funds can arrive (default: the start).' }),
    until: isoDate.optional().meta({ description: 'Last date funds can arrive (default: open-ended).' }),
    notice_days: days(0).default(0).meta({ description: 'Business days between the drawdown request and the funds arriving.' }),
    daily_draw_cap: amount.optional().meta({ description: 'Most that can arrive per business day (default: the limit).' }),
    fail_probability: share.default(0).meta({ description: 'Probability (per path) that the bank does not honour the line.' }),
  })
  .superRefine((line, ctx) => {
    if (line.from !== undefined && line.until !== undefined && line.until < line.from) {
      report(ctx, messages.endBeforeStart('the credit line', formatIsoDate(line.from), formatIsoDate(line.until)), ['until']);
    }
  });

const WATERFALL_SOURCES = ['credit', 'assets'] as const;
const policy = z
  .strictObject({
    waterfall: z
      .array(z.enum(['cash', ...WATERFALL_SOURCES]))
      .default([...WATERFALL_SOURCES])
      .meta({ description: 'Order of funding sources once cash is not enough: credit, assets (cash always comes first).' }),
    lookahead_days: days(0).default(0).meta({ description: 'Known payouts due within this many days are pre-funded.' }),
    prefund_surrenders: z.boolean().default(true).meta({
      description:
        'Also pre-fund expected surrenders: a 7-day moving average of surrender requests times the calendar days until money raised today from the slowest source (longest notice or settlement lag) is in cash and the next business day after it. false: surrenders are funded as they arrive.',
    }),
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.waterfall.forEach((source, i) => {
      if (source === 'cash' && i > 0) report(ctx, messages.misplacedCash(), ['waterfall', i]);
      else if (seen.has(source)) report(ctx, messages.duplicateName('waterfall source', source), ['waterfall', i]);
      seen.add(source);
    });
  })
  .transform((p) => ({ ...p, waterfall: p.waterfall.filter((s): s is (typeof WATERFALL_SOURCES)[number] => s !== 'cash') }));

const funding = z.strictObject({
  cash: amount.meta({ description: 'Opening cash.' }),
  minimum_cash: amount.default(0).meta({ description: 'Operating buffer payouts may not draw cash below.' }),
  assets: z.array(asset).default([]),
  credit_lines: z.array(creditLine).default([]),
  inflows: z.array(scheduledItem).default([]).meta({ description: 'Premiums, coupons, asset maturities.' }),
  policy: policy.default({ waterfall: [...WATERFALL_SOURCES], lookahead_days: 0, prefund_surrenders: true }),
});

const channel = z.strictObject({
  bank: name,
  daily_limit: amount.meta({ description: 'Most that can be paid through this channel per business day.' }),
  per_transfer_limit: amount.optional().meta({ description: 'Largest single transfer (default: the daily limit).' }),
  daily_transfers: z.int().min(1).optional().meta({ description: 'Most transfers per business day (default: no limit).' }),
});

const LIMIT_KEYS = ['daily_limit', 'per_transfer_limit', 'daily_transfers'] as const;
function checkLimitChange(c: Loose, ctx: Ctx): void {
    if (!rec(c)) return;
    const when = [c.on !== undefined ? 'on' : '', c.when_backlog_above !== undefined ? 'when_backlog_above' : ''].filter(Boolean);
    if (when.length !== 1) report(ctx, messages.exactlyOneOf(['on', 'when_backlog_above'], when), when.length > 1 ? ['when_backlog_above'] : []);
    if (c.on !== undefined) {
      if (c.after_days !== undefined) report(ctx, messages.onlyWith('after_days', 'when_backlog_above'), ['after_days']);
      if (c.probability !== undefined) report(ctx, messages.onlyWith('probability', 'when_backlog_above'), ['probability']);
    }
    const what = [c.channel !== undefined ? 'channel' : '', c.processing_capacity !== undefined ? 'processing_capacity' : ''].filter(Boolean);
    if (what.length !== 1) report(ctx, messages.exactlyOneOf(['channel', 'processing_capacity'], what), what.length > 1 ? ['processing_capacity'] : []);
    const limits = LIMIT_KEYS.filter((k) => c[k] !== undefined);
    if (c.channel !== undefined && limits.length === 0) report(ctx, messages.missingKey('daily_limit', 'at least one of `daily_limit`, `per_transfer_limit`, `daily_transfers`'));
    if (c.channel === undefined) for (const k of limits) report(ctx, messages.onlyWith(k, 'channel'), [k]);
  }

const limitChange = z
  .strictObject({
    on: isoDate.optional().meta({ description: 'Dated change: the date it takes effect.' }),
    when_backlog_above: amount.optional().meta({ description: 'Triggered change: fires the first day the backlog exceeds this.' }),
    after_days: days(0).optional().meta({ description: 'Triggered change: days from the trigger to the new limits (default 0).' }),
    probability: share.optional().meta({ description: 'Triggered change: probability the bank agrees (default 1).' }),
    channel: name.optional().meta({ description: 'Bank of the payment channel to change.' }),
    daily_limit: amount.optional(),
    per_transfer_limit: amount.optional(),
    daily_transfers: z.int().min(1).optional(),
    processing_capacity: z.int().min(1).optional().meta({ description: 'New processing capacity (payouts per business day); instead of `channel`.' }),
  })
  .superRefine(checkLimitChange as never, ALWAYS);

function checkPayments(p: Loose, ctx: Ctx): void {
    if (!rec(p)) return;
    const banks = list(p.channels).map((c) => (rec(c) && typeof c.bank === 'string' ? c.bank : undefined));
    banks.forEach((bank, i) => {
      if (bank !== undefined && banks.indexOf(bank) !== i) report(ctx, messages.duplicateName('payment channel', bank), ['channels', i, 'bank']);
    });
    const known = [...new Set(banks.filter((b): b is string => b !== undefined))];
    list(p.changes).forEach((change, i) => {
      if (rec(change) && typeof change.channel === 'string' && !known.includes(change.channel)) {
        report(ctx, messages.unknownReference('payment channel', change.channel, known), ['changes', i, 'channel']);
      }
    });
  }

const payments = z
  .strictObject({
    channels: z.array(channel).min(1).meta({ description: 'Bank payment channels payouts go through.' }),
    processing_capacity: z.int().min(1).optional().meta({ description: 'Payouts the operations team can process per business day (default: no limit).' }),
    changes: z.array(limitChange).default([]).meta({ description: 'Dated (`on`) or triggered (`when_backlog_above`) limit changes.' }),
    transfer_counting: z
      .enum(['average', 'per_band'])
      .optional()
      .meta({ description: 'Transfers per payout: average (of the day\'s request) or per_band (each cohort\'s own size; default with liabilities.policies).' }),
  })
  .superRefine(checkPayments as never, ALWAYS);

// ---------------------------------------------------------------------------------------------
// Regulatory figures (src/regulatory): every key optional, defaults in src/regulatory/config.ts

const byClass = z
  .strictObject({ L1: share.optional(), L2A: share.optional(), L2B_RMBS: share.optional(), L2B: share.optional() })
  .meta({ description: 'A share per asset class (L1, L2A, L2B_RMBS, L2B); classes left out keep their default.' });

const regulatory = z
  .strictObject({
    deterministic: z
      .strictObject({
        level_quantile: z.number().gt(0).lt(1).default(0.995).meta({ description: 'Surrender level L at this quantile of its distribution.' }),
        shocks: z.enum(['occur', 'none']).default('occur').meta({ description: 'Every shock happens (occur) or none does.' }),
        refused_lines: z.array(name).default([]).meta({ description: 'Banks whose credit lines are refused on the regulatory path.' }),
        haircut: z.enum(['high', 'mean', 'low']).default('high').meta({ description: 'Which end of each haircut range the regulatory path takes.' }),
        rollover: z.enum(['mean']).default('mean').meta({ description: 'Rollover shares at their mean.' }),
      })
      .default({ level_quantile: 0.995, shocks: 'occur', refused_lines: [], haircut: 'high', rollover: 'mean' })
      .meta({ description: 'The deterministic "regulatory mode" path: every path-level draw pinned.' }),
    cross2: z
      .strictObject({
        base: z.string().min(1).optional().meta({ description: 'Base scenario file (基本情景) for LCR1, relative to this file; this scenario is the stress scenario.' }),
        horizons_months: z.array(z.int().min(1).max(120)).min(1).default([3, 12]).meta({ description: 'Horizons in calendar months from the start (EDATE).' }),
        count_opening_cash: z.boolean().default(true).meta({ description: 'Opening cash is a numerator line of LCR1/LCR2/LCR3.' }),
        floors: z
          .strictObject({ lcr1: z.number().min(0).default(1), lcr2: z.number().min(0).default(1), lcr3: z.number().min(0).default(0.5) })
          .default({ lcr1: 1, lcr2: 1, lcr3: 0.5 }),
        discounts: byClass.optional().meta({ description: 'Realisation discounts (变现折扣) by class; default: each asset\'s haircut on the regulatory path.' }),
      })
      .default({ horizons_months: [3, 12], count_opening_cash: true, floors: { lcr1: 1, lcr2: 1, lcr3: 0.5 } }),
    basel: z
      .strictObject({
        horizon_days: z.int().min(1).max(3650).default(30),
        haircuts: byClass.optional().meta({ description: 'HQLA haircuts by level (default L1 0, L2A 0.15, L2B_RMBS 0.25, L2B 0.5).' }),
        level2_cap: share.default(0.4),
        level2b_cap: share.default(0.15),
        inflow_cap: share.default(0.75),
        facility_inflow_rate: share.default(0).meta({ description: 'Inflow rate of committed credit lines received (Basel III: 0).' }),
      })
      .default({ horizon_days: 30, level2_cap: 0.4, level2b_cap: 0.15, inflow_cap: 0.75, facility_inflow_rate: 0 }),
    sources_uses_days: z.array(z.int().min(1).max(3650)).min(1).default([30, 90, 365]).meta({ description: 'Sources-and-uses horizons in days.' }),
    shortfall_quantile: z
      .union([z.number().gt(0).lt(1), z.literal(false)])
      .default(0.995)
      .meta({ description: 'Quantile of the funding-only peak shortfall (each path replayed with channel and processing limits lifted); false: not computed.' }),
  })
  .meta({ description: 'Regulatory ratios: C-ROSS II LCR1-3, Basel-style LCR, sources and uses, the regulatory-mode path.' });

function checkRegulatory(s: Loose, ctx: Ctx): void {
  if (!rec(s.regulatory) || !rec(s.regulatory.deterministic)) return;
  const banks = list(rec(s.funding) ? s.funding.credit_lines : undefined).flatMap((l) => (rec(l) && typeof l.bank === 'string' ? [l.bank] : []));
  list(s.regulatory.deterministic.refused_lines).forEach((bank, i) => {
    if (typeof bank === 'string' && !banks.includes(bank)) {
      report(ctx, messages.unknownReference('credit line', bank, banks), ['regulatory', 'deterministic', 'refused_lines', i]);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// The whole scenario

function checkScenario(s: Loose, ctx: Ctx, raw = false): void {
    if (!rec(s)) return;
    checkRegulatory(s, ctx);
    const dayOf = (x: unknown) => dayOfValue(x, raw);
    const startDay = dayOf(s.start);
    const hasStart = startDay !== undefined;
    const start = startDay !== undefined ? formatIsoDate(startDay) : '';
    const liabilities = rec(s.liabilities) ? s.liabilities : {};
    const productMap = rec(liabilities.products) ? liabilities.products : undefined;
    const products = productMap === undefined ? [] : Object.keys(productMap);
    let bookCents = 0;
    list(liabilities.cohorts).forEach((c, i) => {
      if (!rec(c)) return;
      const at = ['liabilities', 'cohorts', i];
      if (!raw && typeof c.value === 'number') bookCents += Math.max(c.value, typeof c.maturity_value === 'number' ? c.maturity_value : 0);
      if (productMap !== undefined && typeof c.product === 'string' && c.product !== '' && !Object.hasOwn(productMap, c.product)) {
        report(ctx, messages.unknownReference('product', c.product, products), [...at, 'product']);
      }
      const maturity = dayOf(c.maturity_date);
      if (startDay === undefined || maturity === undefined) return;
      if (maturity < startDay) {
        report(ctx, messages.beforeScenarioStart('the maturity date', start, formatIsoDate(maturity), 'cohorts that already matured are not in force; leave them out'), [...at, 'maturity_date']);
      } else if (maturity === startDay && c.maturity_value !== undefined) {
        report(ctx, messages.outOfRange(`a maturity date after ${start} when maturity_value is given`, formatIsoDate(maturity)), [...at, 'maturity_date']);
      } else if (typeof c.maturity_value === 'number' && typeof c.value === 'number' && c.value > 0) {
        const days = maturity - startDay;
        const y = impliedAnnualYield(c.value, c.maturity_value, days);
        // a maturity value rounded to the cent from a yield at a bound (policy files) stays accepted
        const edge = grownAtYield(c.value, y > IMPLIED_YIELD_MAX ? IMPLIED_YIELD_MAX : IMPLIED_YIELD_MIN, days);
        if (!(y >= IMPLIED_YIELD_MIN && y <= IMPLIED_YIELD_MAX) && !(Math.abs(c.maturity_value - edge) <= 0.5)) {
          report(ctx, messages.impliedYieldOutOfRange(y, c.maturity_value / c.value, days, IMPLIED_YIELD_MIN, IMPLIED_YIELD_MAX), [...at, 'maturity_value']);
        }
      } else if (!raw && typeof c.guaranteed_yield === 'number' && c.guaranteed_yield >= IMPLIED_YIELD_MIN && c.guaranteed_yield <= IMPLIED_YIELD_MAX && typeof c.value === 'number') {
        // value (cents) grown at the guaranteed yield to maturity, as the compile step does: beyond
        // exact cents the kernel's sums and the figures' sketches would be wrong (a decade at 100%)
        const due = grownAtYield(c.value, c.guaranteed_yield, maturity - startDay);
        if (!(due <= MAX_CENTS)) report(ctx, messages.impliedAmountTooLarge('the maturity amount (value grown at guaranteed_yield to maturity_date) is', due, 'check the unit of value and the maturity date'), [...at, 'value']);
        else bookCents += Math.max(0, due - c.value);
      }
    });
    // the whole book within exact cents: a path's payouts and peaks are sums over its cohorts
    if (!(bookCents <= MAX_CENTS)) report(ctx, messages.impliedAmountTooLarge("the book's total maturity amount is", bookCents, 'check the unit of the cohorts\' values; a larger book can be split over scenarios'), ['liabilities', 'cohorts']);
    checkActions(s, startDay, dayOf, (problem, path) => report(ctx, problem, path));
    if (startDay === undefined) return;
    const asOf = dayOf(s.as_of);
    if (asOf !== undefined && asOf > startDay) {
      report(ctx, messages.afterScenarioStart('the as-of date of the data', start, formatIsoDate(asOf), 'the data must describe the book on or before the first simulated date'), ['as_of']);
    }
    const checkDated = (items: unknown, where: string[]) =>
      list(items).forEach((item, i) => {
        const day = rec(item) ? dayOf(item.date) : undefined;
        if (day !== undefined && day < startDay) report(ctx, messages.beforeScenarioStart('the date', start, formatIsoDate(day)), [...where, i, 'date']);
      });
    checkDated(liabilities.other_outflows, ['liabilities', 'other_outflows']);
    checkDated(rec(s.funding) ? s.funding.inflows : undefined, ['funding', 'inflows']);
    const lapse = rec(s.surrender_stress) ? s.surrender_stress.mass_lapse : undefined;
    const lapseDay = rec(lapse) ? dayOf(lapse.date) : undefined;
    if (lapseDay !== undefined && lapseDay < startDay) {
      report(ctx, messages.beforeScenarioStart('the mass lapse', start, formatIsoDate(lapseDay)), ['surrender_stress', 'mass_lapse', 'date']);
    }
    list(rec(s.payments) ? s.payments.changes : undefined).forEach((c, i) => {
      const on = rec(c) ? dayOf(c.on) : undefined;
      if (on !== undefined && on < startDay) {
        report(ctx, messages.beforeScenarioStart('the change', start, formatIsoDate(on), 'set limits in force at the start directly on the channel'), ['payments', 'changes', i, 'on']);
      }
    });
  }

export const scenarioSchema = z
  .strictObject({
    name: name.meta({ description: 'Scenario name, shown in reports.' }),
    description: z.string().default('').meta({ description: 'What the scenario assumes, in a sentence or two.' }),
    extends: z.string().optional().meta({ description: 'Base scenario file (relative to this one); this file only says what differs.' }),
    currency: expects(z.string().regex(/^[A-Z]{3}$/), 'a 3-letter ISO currency code such as CNY').meta({ description: 'ISO 4217 code, e.g. CNY.' }),
    start: isoDate.meta({ description: 'First simulated date (day 0).' }),
    as_of: isoDate.optional().meta({ description: 'As-of date of the data (book, cash, lines): on or before `start`. Carried in results.json and shown in the report.' }),
    horizon_days: z.int().min(1).max(3650).meta({ description: 'Number of simulated days.' }),
    seed: z
      .union([z.int(), z.string().min(1)])
      .default(1)
      .transform((s) => String(s))
      .meta({ description: 'Random seed: same seed, same results.' }),
    paths: z.int().min(1).max(10_000_000).default(1000).meta({ description: 'Monte Carlo paths.' }),
    shortfall_threshold: z.number().gt(0).max(1).default(0.01).meta({ description: 'A date belongs to a shortfall window when P(shortfall) is at least this.' }),
    overdue_grace_days: days(0).default(0).meta({ description: 'A payout is overdue when unpaid this many days after its due date.' }),
    overdue_grace_calendar: z
      .enum(['calendar', 'business'])
      .default('calendar')
      .meta({ description: 'Whether overdue_grace_days counts calendar days (default) or business days ("paid within 2 business days").' }),
    calendar: calendar.default({ weekends: true, holidays: [], extra_business_days: [] }),
    liabilities,
    surrender_stress: surrenderStress.default({ daily_noise_sd: 0, shocks: [], multiplier_applies_to: 'daily_hazard' }),
    funding,
    payments,
    regulatory: regulatory.optional(),
    management_actions: managementActionsSchema({ amount, isoDate, share, name }),
  })
  .superRefine(checkScenario as never, ALWAYS);

/**
 * The cross-checks (references between sections, dates against the start, "exactly one of" rules of
 * cohorts, dated amounts and limit changes) run on the unparsed scenario. zod skips refinements of an
 * object once a value inside it has the wrong type; running them here too, after a failed parse,
 * reports every problem in one pass. Duplicates of issues zod did report are removed by `locateIssues`.
 */
export function crossCheckIssues(value: unknown): z.core.$ZodIssue[] {
  const out: z.core.$ZodIssue[] = [];
  const at = (prefix: (string | number)[]) =>
    ({ addIssue: (issue: { path?: (string | number)[] }) => out.push({ ...issue, path: [...prefix, ...(issue.path ?? [])] } as unknown as z.core.$ZodIssue) }) as unknown as Ctx;
  if (!rec(value)) return out;
  checkScenario(value, at([]), true);
  const liabilities = rec(value.liabilities) ? value.liabilities : {};
  list(liabilities.cohorts).forEach((c, i) => checkCohort(c as Loose, at(['liabilities', 'cohorts', i])));
  list(liabilities.other_outflows).forEach((c, i) => checkScheduledItem(c as Loose, at(['liabilities', 'other_outflows', i])));
  if (rec(value.funding)) list(value.funding.inflows).forEach((c, i) => checkScheduledItem(c as Loose, at(['funding', 'inflows', i])));
  if (rec(value.payments)) {
    checkPayments(value.payments, at(['payments']));
    list(value.payments.changes).forEach((c, i) => checkLimitChange(c as Loose, at(['payments', 'changes', i])));
  }
  return out;
}

/** A validated scenario: amounts in integer cents, dates as epoch days, defaults filled in. */
export type Scenario = z.output<typeof scenarioSchema>;

