#!/usr/bin/env python3
"""
The liqsim daily model in NumPy, vectorised over paths: the implementation a quant would usually
write instead, for the performance comparison in docs/performance.md. Not part of liqsim.

It runs the same compiled model (dumped by bench/dump-model.mjs) and the daily order of events of
src/model/daily-order.ts as it stood before the fixes of liqsim 0.2.0 (it is a speed comparison, not
a second specification: see CHANGELOG.md), one vectorised step per day over all paths: arrivals and limit changes;
surrender hazard with shocks, mitigation, contagion and noise; accrual, surrenders, maturities less
rollover over claim lags, late claims, bad accounts and their re-submission, the day's customer
requests pooled into one maturity and one surrender request; other outflows; lookahead funding
(backlog, scheduled maturities, other outflows, claims and re-submissions already known for the
window, and the surrender run-rate until money from the slowest source could arrive) through
credit lines and asset sales in waterfall order; payments oldest due first through the channels'
amount and transfer-count limits and processing capacity, recording causes; overdue amounts by
cause, backlog, headroom. Its random numbers come from NumPy, so results
agree with liqsim's statistically, not bit for bit.

The payout queue is the part that does not vectorise well: requests are kept as rows over all
paths (at most three per day: maturity, surrender, other; the same rows on every path), rows that
are paid on every path are dropped from the front, and each day's payment pass walks the rows still
unpaid somewhere.

    python3 bench/numpy_model.py SCENARIO.yaml PATHS     # prints one JSON line
"""
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

NONE, FUNDING, CHANNEL, PROCESSING = -1, 0, 1, 2
MATURITY, SURRENDER, OTHER = 0, 1, 2


def load_model(scenario):
    here = Path(__file__).resolve().parent
    out = subprocess.run(['node', str(here / 'dump-model.mjs'), scenario], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def draw_share(dist, rng, n):
    if dist['kind'] == 'fixed':
        return np.full(n, dist['value'])
    if dist['kind'] == 'uniform':
        return dist['low'] + (dist['high'] - dist['low']) * rng.random(n)
    return rng.beta(dist['alpha'], dist['beta'], n)


def rnd(x):
    """Math.round for x >= 0."""
    return np.floor(x + 0.5)


class Queue:
    """Payout requests as rows over all paths; rows paid everywhere leave from the front."""

    def __init__(self, paths, capacity=256):
        self.P = paths
        self.amount = np.zeros((capacity, paths))
        self.count = np.zeros((capacity, paths))
        self.cause = np.full((capacity, paths), NONE, dtype=np.int8)
        self.due = np.zeros(capacity, dtype=np.int64)
        self.kind = np.zeros(capacity, dtype=np.int8)
        self.head = 0
        self.tail = 0

    def push(self, due, kind, amount, count):
        if not (amount > 0).any():
            return
        if self.tail == len(self.due):
            self._make_room()
        t = self.tail
        positive = amount > 0
        self.amount[t] = np.where(positive, amount, 0.0)
        self.count[t] = np.where(positive, count, 0.0)
        self.cause[t] = NONE
        self.due[t] = due
        self.kind[t] = kind
        self.tail += 1

    def _make_room(self):
        live = self.tail - self.head
        if live * 2 > len(self.due):
            capacity = len(self.due) * 2
            for name in ('amount', 'count', 'cause'):
                old = getattr(self, name)
                new = np.zeros((capacity, self.P), dtype=old.dtype)
                new[:live] = old[self.head:self.tail]
                setattr(self, name, new)
            for name in ('due', 'kind'):
                old = getattr(self, name)
                new = np.zeros(capacity, dtype=old.dtype)
                new[:live] = old[self.head:self.tail]
                setattr(self, name, new)
        else:
            for name in ('amount', 'count', 'cause', 'due', 'kind'):
                arr = getattr(self, name)
                arr[:live] = arr[self.head:self.tail]
        self.head, self.tail = 0, live

    def drop_paid(self):
        while self.head < self.tail and not (self.amount[self.head] > 0).any():
            self.head += 1


def simulate(m, P, seed=1):
    rng = np.random.default_rng(seed)
    H = m['horizonDays']
    cal = m['calendar']
    business = np.array(cal['businessDay'], dtype=bool)
    next_business = np.array(cal['nextBusinessDay'])
    before = np.array(cal['businessDaysBefore'])
    C = len(business)
    business_days = np.flatnonzero(business)
    groups = m['groups']
    G = len(groups)
    stress = m['stress']
    funding = m['funding']
    lines = funding['creditLines']
    assets = funding['assets']
    channels = m['payments']['channels']
    L, A, NC = len(lines), len(assets), len(channels)
    grace = m['overdueGraceDays']

    def after_business_days(d, n):
        if d >= C:
            return C
        i = before[d] + n
        return business_days[i] if i < len(business_days) else C

    growth = np.array([g['growth'][:H] for g in groups])
    mat_share = np.array([g['maturingValueShare'][:H] for g in groups])
    mat_count_share = np.array([g['maturingCountShare'][:H] for g in groups])
    sched = np.array([g['scheduledMaturities'][:H] for g in groups])
    cum_sched = np.concatenate([np.zeros((G, 1)), np.cumsum(sched, axis=1)], axis=1)
    base_book = np.zeros((G, H))
    for k, g in enumerate(groups):
        v = g['initialValue']
        for d in range(H):
            v = v * g['growth'][d] * (1 - g['maturingValueShare'][d])
            base_book[k, d] = v
    other_out = np.array(m['otherOutflows'])
    cum_other = np.concatenate([[0.0], np.cumsum(other_out)])
    inflows = np.array(funding['inflows'])
    max_lag = max([p['lagDays'] for g in groups for p in g['claimLag']] + [g['accountRetryDays'] for g in groups] + [0])

    # ---- path-level draws ----
    level = np.exp(stress['levelSd'] * rng.standard_normal(P) - 0.5 * stress['levelSd'] ** 2) if stress['levelSd'] > 0 else np.ones(P)
    shocks = stress['shocks']
    shock_on = np.array([rng.random(P) < s['probability'] for s in shocks]).reshape(len(shocks), P)
    line_failed = np.array([rng.random(P) < l['failProbability'] for l in lines]).reshape(L, P)
    line_left = np.array([np.full(P, float(l['limit'])) for l in lines]).reshape(L, P)
    haircut = np.array([draw_share(a['haircut'], rng, P) for a in assets]).reshape(A, P)
    asset_left = np.array([np.full(P, float(a['amount'])) for a in assets]).reshape(A, P)
    roll = np.array([draw_share(g['rollover'], rng, P) for g in groups]).reshape(G, P)
    changes = m['payments']['changes']
    dated = sorted([c for c in changes if c['kind'] == 'dated'], key=lambda c: c['day'])
    triggered = [c for c in changes if c['kind'] == 'triggered']
    agrees = np.array([rng.random(P) < t['probability'] for t in triggered]).reshape(len(triggered), P)
    fired = np.zeros((len(triggered), P), dtype=bool)
    activation = np.full((len(triggered), P), -1)

    # ---- state ----
    in_force = np.array([np.full(P, float(g['initialValue'])) for g in groups])
    in_count = np.array([np.full(P, float(g['initialPolicies'])) for g in groups])
    unclaimed = np.zeros((G, P))
    unclaimed_count = np.zeros((G, P))
    # Future claims and re-submissions in rings over days: [.., day % width, path].
    W = max_lag + 1
    claim_amount = np.zeros((G, W, P))
    claim_count = np.zeros((G, W, P))
    RW = max_lag + 32
    retry_amount = np.zeros((2, RW, P))
    retry_count = np.zeros((2, RW, P))
    # Customer payouts known for a later day (claims by the claim lag, re-submissions) in a ring over
    # days, and their running sum over the funding lookahead (d, d + lookahead].
    lookahead = funding['lookaheadDays']
    KW = RW + lookahead
    known_later = np.zeros((KW, P))
    known_in_lookahead = np.zeros(P)
    # 7-day EMA of daily surrender requests, times the days until the slowest source's money arrives.
    surrender_run_rate = np.zeros(P)
    slowest = max([l['noticeDays'] for l in lines] + [a['settlementDays'] for a in assets] + [0])
    run_rate_days = np.array([after_business_days(d, slowest + 1) - d for d in range(H)], dtype=float)
    max_ahead = max([after_business_days(d, n) - d for d in range(H) for n in [l['noticeDays'] for l in lines] + [a['settlementDays'] for a in assets] if after_business_days(d, n) < C] + [0]) + 1
    credit_arr = np.zeros((max_ahead, L, P))
    asset_arr = np.zeros((max_ahead, P))
    chan_daily = np.array([np.full(P, float(c['dailyLimit'])) for c in channels])
    chan_per_transfer = np.array([np.full(P, float(c['perTransferLimit'])) for c in channels])
    chan_transfers = np.array([np.full(P, float(c['dailyTransfers'])) for c in channels])
    processing = np.full(P, float(m['payments']['processingCapacity']))
    q = Queue(P)
    cash = np.full(P, float(funding['openingCash']))
    in_transit = np.zeros(P)
    backlog = np.zeros(P)
    contagion = np.zeros(P)
    cg = stress['contagion']
    decay = np.exp(-1 / cg['decayDays']) if cg else 0.0
    strength = cg['strength'] if cg else 0.0
    mit = stress['mitigation']
    lapse = stress['massLapse']
    last_cause = np.full(P, NONE, dtype=np.int8)
    min_cash = funding['minimumCash']
    book_avg = sum(g['initialValue'] for g in groups) / max(1, sum(g['initialPolicies'] for g in groups))
    waterfall = funding['waterfall']

    def apply_limits(c, mask):
        if c['channel'] >= 0:
            lim = c['limits']
            if 'dailyLimit' in lim:
                chan_daily[c['channel']][mask] = lim['dailyLimit']
            if 'perTransferLimit' in lim:
                chan_per_transfer[c['channel']][mask] = lim['perTransferLimit']
            if 'dailyTransfers' in lim:
                chan_transfers[c['channel']][mask] = lim['dailyTransfers']
        if c.get('processingCapacity') is not None:
            processing[mask] = c['processingCapacity']

    all_paths = np.ones(P, dtype=bool)
    di = 0
    while di < len(dated) and dated[di]['day'] < 0:
        apply_limits(dated[di], all_paths)
        di += 1

    # The daily statistics liqsim reports (means over paths, headroom quantiles).
    p_shortfall = np.zeros(H)
    daily_means = np.zeros((H, 13))
    headroom_q = np.zeros((H, 5))
    first_shortfall = np.full(P, -1)
    peak = np.zeros(P)

    for d in range(H):
        slot = d % max_ahead
        due_today = int(next_business[d])
        # 1. arrivals and limit changes
        credit_in = credit_arr[slot].sum(axis=0)
        assets_in = asset_arr[slot].copy()
        credit_arr[slot] = 0
        asset_arr[slot] = 0
        cash += inflows[d] + credit_in + assets_in
        in_transit -= credit_in + assets_in
        while di < len(dated) and dated[di]['day'] <= d:
            apply_limits(dated[di], all_paths)
            di += 1
        for t, tc in enumerate(triggered):
            now = activation[t] == d
            if now.any():
                apply_limits(tc, now)

        # 2. liabilities
        excess = np.zeros(P)
        for s, sh in enumerate(shocks):
            if d >= sh['day']:
                excess += np.where(shock_on[s], (sh['peakMultiplier'] - 1) * np.exp(np.log(0.5) * (d - sh['day']) / sh['halfLifeDays']), 0.0)
        if mit and d >= mit['fromDay']:
            excess *= 1 - mit['notifiedShare'] * mit['damping']
        relative = (1 + excess) * (1 + strength * contagion)
        if stress['dailyNoiseSd'] > 0:
            sd = stress['dailyNoiseSd']
            relative *= np.exp(sd * rng.standard_normal(P) - 0.5 * sd * sd)
        hazard_mult = level * relative
        if strength > 0:
            contagion = contagion * decay + np.where(relative > 1, 1 - 1 / relative, 0.0) * (1 - decay)
        lapse_share = lapse['share'] if lapse and lapse['day'] == d else 0.0

        known_in_lookahead += known_later[(d + lookahead) % KW] - known_later[d % KW]
        known_later[d % KW] = 0
        # Today's customer requests are pooled into one request per type, re-submissions first.
        rs = d % RW
        pool_amount = retry_amount[:, rs].copy()
        pool_count = retry_count[:, rs].copy()
        retry_amount[:, rs] = 0
        retry_count[:, rs] = 0
        request_m = np.zeros(P)
        request_s = np.zeros(P)
        cs = d % W
        for g, grp in enumerate(groups):
            v = in_force[g]
            n = in_count[g]
            maturity = claim_amount[g, cs].copy()
            maturity_count = claim_count[g, cs].copy()
            claim_amount[g, cs] = 0
            claim_count[g, cs] = 0
            grown = rnd(v * growth[g, d])
            v = grown
            h = np.minimum(grp['baseDailyHazard'] * hazard_mult, 1.0)
            if lapse_share > 0:
                h = h + (1 - h) * lapse_share
            gross = rnd(v * h)
            charge = rnd(gross * grp['surrenderCharge'])
            surrender = gross - charge
            surrender_count = n * h
            v = v - gross
            n = n - n * h
            share = mat_share[g, d]
            if share > 0:
                matured = v if share >= 1 else rnd(v * share)
                matured_count = n if share >= 1 else n * mat_count_share[g, d]
                v = v - matured
                n = n - matured_count
                rolled = rnd(matured * roll[g])
                payable = matured - rolled
                payable_count = matured_count * (1 - roll[g])
                claimed = np.zeros(P)
                claimed_share = 0.0
                for p in grp['claimLag']:
                    x = rnd(payable * p['share'])
                    xc = payable_count * p['share']
                    claimed += x
                    claimed_share += p['share']
                    if p['lagDays'] == 0:
                        maturity += x
                        maturity_count += xc
                    else:
                        at = (d + p['lagDays']) % W
                        claim_amount[g, at] += x
                        claim_count[g, at] += xc
                        known_later[(d + p['lagDays']) % KW] += x
                        if p['lagDays'] <= lookahead:
                            known_in_lookahead += x
                unclaimed[g] += payable - claimed
                unclaimed_count[g] += payable_count * (1 - claimed_share)
            in_force[g] = v
            in_count[g] = n
            rate = grp['lateClaimDailyRate']
            if rate > 0:
                has = unclaimed[g] > 0
                x = np.where(has, rnd(unclaimed[g] * rate), 0.0)
                xc = np.where(has, unclaimed_count[g] * rate, 0.0)
                unclaimed[g] -= x
                unclaimed_count[g] -= xc
                maturity += x
                maturity_count += xc
            request_m += maturity
            request_s += surrender
            fail = grp['accountFailureRate']
            retry_day = due_today + grp['accountRetryDays']
            for kind, amount, count in ((MATURITY, maturity, maturity_count), (SURRENDER, surrender, surrender_count)):
                bad = np.where(amount > 0, rnd(amount * fail), 0.0) if fail > 0 else np.zeros(P)
                bad_count = np.where(bad > 0, count * fail, 0.0)
                good = amount - bad
                pool_amount[kind] += np.where(good > 0, good, 0.0)
                pool_count[kind] += np.where(good > 0, count - count * fail, 0.0)
                if fail > 0:
                    at = retry_day % RW
                    retry_amount[kind, at] += bad
                    retry_count[kind, at] += bad_count
                    known_later[retry_day % KW] += bad
                    if retry_day - d <= lookahead:
                        known_in_lookahead += bad
        for kind in (MATURITY, SURRENDER):
            q.push(due_today, kind, pool_amount[kind], pool_count[kind])
        surrender_run_rate = request_s.copy() if d == 0 else surrender_run_rate + (request_s - surrender_run_rate) / 7
        other = other_out[d]
        if other > 0:
            q.push(due_today, OTHER, np.full(P, other), np.ones(P))
        backlog += request_m + request_s + other

        # 3. funding (business days)
        paid_today = np.zeros(P)
        funds_today = np.zeros(P)
        cap_processing = np.zeros(P)
        if business[d]:
            need = backlog.copy()
            end = min(H, d + 1 + funding['lookaheadDays'])
            for g in range(G):
                bb = base_book[g, d]
                if bb <= 0:
                    continue
                need += in_force[g] / bb * (cum_sched[g, end] - cum_sched[g, d + 1]) * (1 - roll[g])
            need += cum_other[end] - cum_other[d + 1]
            need += known_in_lookahead + surrender_run_rate * run_rate_days[d]
            gap = np.ceil(need - (cash - min_cash) - in_transit)
            for source in waterfall:
                if source == 'credit':
                    for l, line in enumerate(lines):
                        arrival = after_business_days(d, line['noticeDays'])
                        if arrival < line['fromDay'] or arrival > line['untilDay'] or arrival >= C:
                            continue
                        ok = (gap > 0) & ~line_failed[l] & (line_left[l] > 0)
                        draw = np.where(ok, np.minimum(np.minimum(gap, line_left[l]), line['dailyDrawCap']), 0.0)
                        draw = np.maximum(draw, 0.0)
                        line_left[l] -= draw
                        gap -= draw
                        if arrival == d:
                            cash += draw
                            credit_in += draw
                        else:
                            credit_arr[arrival % max_ahead, l] += draw
                            in_transit += draw
                else:
                    for a, asset in enumerate(assets):
                        arrival = after_business_days(d, asset['settlementDays'])
                        if arrival >= C:
                            continue
                        keep = 1 - haircut[a]
                        ok = (gap > 0) & (keep > 0) & (asset_left[a] > 0)
                        sold = np.where(ok, np.minimum(np.minimum(np.ceil(gap / np.where(keep > 0, keep, 1)), asset_left[a]), asset['dailyCapacity']), 0.0)
                        sold = np.maximum(sold, 0.0)
                        proceeds = rnd(sold * keep)
                        asset_left[a] -= sold
                        gap -= proceeds
                        if arrival == d:
                            cash += proceeds
                        else:
                            asset_arr[arrival % max_ahead] += proceeds
                            in_transit += proceeds

            # 4. payments, oldest due first
            funds = np.maximum(0.0, cash - min_cash)
            proc = processing.copy()
            a_left = chan_daily.copy()
            t_left = chan_transfers.copy()
            paid = np.zeros(P)
            ready_amount = np.zeros(P)
            ready_count = np.zeros(P)
            stop = np.full(P, NONE, dtype=np.int8)
            for i in range(q.head, q.tail):
                amount = q.amount[i]
                live = amount > 0
                if not live.any():
                    continue
                if q.kind[i] == OTHER:
                    pay = np.where(live, np.minimum(amount, np.floor(funds)), 0.0)
                    pay = np.maximum(pay, 0.0)
                    amount -= pay
                    funds -= pay
                    paid += pay
                    stuck = amount > 0
                    q.cause[i][stuck] = FUNDING
                    stop[stuck] = FUNDING
                    continue
                count = q.count[i]
                ready_amount += np.where(live, amount, 0.0)
                ready_count += np.where(live, count, 0.0)
                avg = np.where(count > 0, amount / np.where(count > 0, count, 1), amount)
                for c in range(NC):
                    go = (amount > 0) & (funds >= 1) & (proc * avg >= 1)
                    if not go.any():
                        break
                    pt = chan_per_transfer[c]
                    tpp = np.where(pt > 0, np.maximum(1, np.ceil(avg / np.where(pt > 0, pt, 1))), 1)
                    by_count = (t_left[c] / tpp) * avg
                    pay = np.floor(np.minimum(np.minimum(np.minimum(amount, a_left[c]), by_count), np.minimum(proc * avg, funds)))
                    pay = np.where(go & (pay > 0), pay, 0.0)
                    paid_count = np.where(pay == amount, count, pay / np.where(avg > 0, avg, 1))
                    amount -= pay
                    count[:] = np.where(pay > 0, np.where(amount > 0, count - paid_count, 0.0), count)
                    funds -= pay
                    proc -= paid_count * (pay > 0)
                    a_left[c] -= pay
                    t_left[c] -= paid_count * tpp * (pay > 0)
                    paid += pay
                stuck = live & (amount > 0)
                if stuck.any():
                    cause = np.where(funds < 1, FUNDING, np.where(proc * avg < 1, PROCESSING, CHANNEL)).astype(np.int8)
                    q.cause[i][stuck] = cause[stuck]
                    first = stuck & (stop == NONE)
                    stop[first] = cause[first]
            last_cause = np.where(stop != NONE, stop, last_cause)
            paid_today = paid
            funds_today = funds
            cap_processing = processing * np.where(ready_count > 0, ready_amount / np.where(ready_count > 0, ready_count, 1), book_avg)
            cash -= paid
            backlog -= paid
            q.drop_paid()

        # 5. metrics
        cutoff = d - grace
        rows = slice(q.head, q.head + int(np.searchsorted(q.due[q.head:q.tail], cutoff, side='right')))
        amounts = q.amount[rows]
        causes = np.where(q.cause[rows] == NONE, last_cause, q.cause[rows])
        overdue = amounts.sum(axis=0)
        by_cause = [np.where(causes == k, amounts, 0.0).sum(axis=0) for k in (FUNDING, CHANNEL, PROCESSING)]
        late = overdue > 0
        p_shortfall[d] = late.mean()
        first_shortfall[(first_shortfall < 0) & late] = d
        np.maximum(peak, overdue, out=peak)
        for t, tc in enumerate(triggered):
            fire = ~fired[t] & (backlog > tc['backlogAbove'])
            fired[t] |= fire
            activation[t][fire & agrees[t]] = d + max(1, tc['afterDays'])
        reachable = np.zeros(P)
        for l, line in enumerate(lines):
            if line['untilDay'] >= d:
                reachable += np.where(line_failed[l], 0.0, line_left[l])
        reachable += (asset_left * (1 - haircut)).sum(axis=0)
        headroom = np.floor(cash - min_cash + in_transit + reachable - backlog + 0.5)
        headroom_q[d] = np.quantile(headroom, [0.01, 0.05, 0.5, 0.95, 0.99], method='lower')
        for j, x in enumerate((overdue, overdue * overdue, backlog, request_m, request_s, cash, credit_in, *by_cause, paid_today, funds_today, cap_processing)):
            daily_means[d, j] = x.mean()

    return {
        'pAnyShortfall': float((first_shortfall >= 0).mean()),
        'expectedPeak': float(peak.mean() / 100),
        'expectedPeakStandardError': float(peak.std(ddof=1) / np.sqrt(P) / 100),
        'pShortfallMax': float(p_shortfall.max()),
        'meanExpectedShortfall': float(daily_means[:, 0].mean() / 100),
    }


def main():
    scenario, paths = sys.argv[1], int(sys.argv[2])
    m = load_model(scenario)
    cohorts = sum(g['cohortCount'] for g in m['groups'])
    start = time.perf_counter()
    out = simulate(m, paths)
    seconds = time.perf_counter() - start
    print(json.dumps({'numpy': np.__version__, 'paths': paths, 'days': m['horizonDays'], 'cohorts': cohorts, 'simulateSeconds': seconds, **out}))


if __name__ == '__main__':
    main()
