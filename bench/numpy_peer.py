#!/usr/bin/python3
"""A speed peer for targetcast: the Guangdong plan's model (docs/model.md §4-§5,
§11) written the way a planner's analyst would write it in numpy, one run at a
time, vectorised over the firms of the run.

Why it exists: bench/run reports targetcast's single-thread speed as a ratio to
this script (issue 17), so "how much faster than the obvious script?" has a
measured answer. It is a SPEED PEER, not a validated re-implementation: it does
the same work per firm-step (a Student-t growth shock with the volatility and
shock caps, an exit draw against the size-dependent hazard, entrants with their
log-normal revenue and park choice, projects and their recipients, the revenue
sums and firm counts recorded every year, counters, robot output), but with
numpy's own generator (PCG64) instead of targetcast's Philox streams, so its
numbers agree with targetcast's in distribution only, never draw for draw. The
medians it prints beside targetcast's are a sanity check that both run the
same model, not a test of it.

What it reads and simplifies:
- θ is drawn for every run from the priors, as targetcast does: the defaults of
  seeds/priors.toml with the region's [prior.*] of seeds/guangdong-ai-2025.toml
  on top (tomllib). Dists: uniform, lognormal (median, sigma), normal, beta,
  fixed -- the ones those files use.
- The baseline scenario only (funding = the plan's baseline path, no levers,
  no new parks). Indicators are read from the seed file's [[indicator]] list.
- Park choice of entrants ("uniformly among the parks with room", in rank
  order) is done in vectorised rounds: every waiting entrant picks an open park,
  each park takes the first ones up to its room, the rest pick again. Close to,
  not exactly, the sequential rule.

Needs Debian's python3-numpy (/usr/bin/python3; numpy 1.24) and Python 3.11
(tomllib). Single-threaded: the BLAS/OpenMP thread counts are set to 1 below,
before numpy is imported (its element-wise kernels use one thread anyway).

  /usr/bin/python3 bench/numpy_peer.py --runs 200
  /usr/bin/python3 bench/numpy_peer.py --runs 2000 --targetcast build/app/targetcast

Output: one line "numpy peer: ... ns per firm-step" (parsed by bench/run) and
the medians at the targets' deadline; with --targetcast, the same medians from
`targetcast simulate --runs 2000 --threads 1 --no-per-run` beside them.
A firm-step is one firm advanced one year, counted as in bench/bench_step.cpp:
the firms alive at the start of each step, summed over steps and runs; the time
covers everything a run does (θ, initial state, steps, recording), as process
CPU time (what Google Benchmark's rates use for targetcast_bench; wall is shown too).
"""
import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import pathlib  # noqa: E402
import sqlite3  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import tomllib  # noqa: E402

import numpy as np  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
PLAN = ROOT / "seeds" / "guangdong-ai-2025.toml"
PRIORS = ROOT / "seeds" / "priors.toml"
LOG_REVENUE_LIMIT = 40.0  # docs/model.md §12
SERIES_GROWTH_LIMIT = 5.0
MAX_PER_YEAR = 2**20 - 1


def load_plan():
    with open(PLAN, "rb") as f:
        plan = tomllib.load(f)
    with open(PRIORS, "rb") as f:
        priors = tomllib.load(f)["prior"]
    priors.update(plan.get("prior", {}))
    baseline = [h for h in plan.get("funding_history", []) if h.get("baseline")]
    years = sum(h["last_year"] - h["first_year"] + 1 for h in baseline)
    f_ref = sum(h["provincial_yi"] for h in baseline) / years if years else 0.0
    deadline = max(t["deadline"] for t in plan["target"])
    return plan, priors, f_ref, deadline


def draw_theta(rng, priors):
    theta = {}
    for name, p in priors.items():
        dist = p["dist"]
        if dist == "uniform":
            theta[name] = rng.uniform(p["min"], p["max"])
        elif dist == "lognormal":
            theta[name] = p["median"] * np.exp(p["sigma"] * rng.standard_normal())
        elif dist == "normal":
            theta[name] = p["mean"] + p["sd"] * rng.standard_normal()
        elif dist == "beta":
            theta[name] = rng.beta(p["alpha"], p["beta"])
        elif dist == "fixed":
            theta[name] = float(p["value"])
        else:
            sys.exit(f"numpy_peer.py: prior '{name}': distribution '{dist}' is not handled by this peer")
    return theta


def shock_factor(th):
    """L = D chol(C) of §5.1, correlations shrunk by 0.9 until C is positive definite."""
    rho = np.array([th["rho_ge"], th["rho_gq"], th["rho_eq"]])
    while True:
        c = np.array([[1.0, rho[0], rho[1]], [rho[0], 1.0, rho[2]], [rho[1], rho[2], 1.0]])
        try:
            chol = np.linalg.cholesky(c)
            break
        except np.linalg.LinAlgError:
            rho *= 0.9
    return np.diag([th["sigma_cg"], th["sigma_ce"], th["sigma_cq"]]) @ chol


def guard(lr):
    """§12: log revenue kept in [-40, 40]; NaN becomes the floor (fmax ignores NaN)."""
    return np.fmin(np.fmax(lr, -LOG_REVENUE_LIMIT), LOG_REVENUE_LIMIT)


def rank_within(groups):
    """Position of each element among the earlier elements of its group (a cumcount)."""
    order = np.argsort(groups, kind="stable")
    g = groups[order]
    at = np.arange(g.size)
    starts = np.empty(g.size, dtype=bool)
    starts[:1] = True
    starts[1:] = g[1:] != g[:-1]
    rank = np.empty(g.size, dtype=np.int64)
    rank[order] = at - np.maximum.accumulate(np.where(starts, at, 0))
    return rank


def room(capacity, occupants):
    """Places left: a park has room while occupants + 1 <= capacity."""
    return np.maximum(0, np.floor(capacity).astype(np.int64) - occupants)


def place_base_firms(rng, joiners, capacity, occupants):
    """§4: a joiner draws a park in proportion to capacity; a full one leaves it outside."""
    cum = np.cumsum(capacity)
    choice = np.minimum(np.searchsorted(cum, rng.random(joiners) * cum[-1], side="right"), capacity.size - 1)
    ok = rank_within(choice) < room(capacity, occupants)[choice]
    occupants += np.bincount(choice[ok], minlength=capacity.size)
    return np.where(ok, choice + 1, 0)


def place_entrants(rng, joiners, capacity, occupants):
    """§5.6: each joiner takes a park with room, uniformly (in vectorised rounds)."""
    park = np.zeros(joiners, dtype=np.int64)
    waiting = np.arange(joiners)
    while waiting.size:
        free = room(capacity, occupants)
        open_parks = np.flatnonzero(free > 0)
        if open_parks.size == 0:
            break
        choice = open_parks[rng.integers(0, open_parks.size, waiting.size)]
        ok = rank_within(choice) < free[choice]
        park[waiting[ok]] = choice[ok] + 1
        occupants += np.bincount(choice[ok], minlength=capacity.size)
        waiting = waiting[~ok]
    return park


class Model:
    """The plan's fixed parts: indicators, years, baseline funding."""

    def __init__(self):
        self.plan, self.priors, self.f_ref, self.deadline = load_plan()
        self.base_year = self.plan["plan"]["base_year"]
        self.horizon = self.plan["plan"]["horizon"]
        self.base_parks = int(round(self.plan["baseline"]["parks"]["value"]))
        self.indicators = self.plan["indicator"]
        self.index = {ind["id"]: i for i, ind in enumerate(self.indicators)}
        self.counters = [i for i, ind in enumerate(self.indicators) if ind["kind"] == "counter"]
        self.per_project = [i for i in self.counters if "per_project_parameter" in self.indicators[i]]
        self.series = [i for i, ind in enumerate(self.indicators) if ind["kind"] == "growth_series"]


class Run:
    """One run's state (docs/model.md §2) and its step rules (§5)."""

    def __init__(self, model, th, rng):
        self.m, self.th, self.rng = model, th, rng
        self.L = shock_factor(th)
        self.log_r_ref = np.log(th["r_ref"])
        n0 = max(0, int(np.floor(th["n0"] + 0.5)))
        self.n0, self.c0 = n0, th["c0"]
        self.capacity = np.full(model.base_parks, th["park_capacity"])
        self.base_capacity = self.capacity.sum()
        self.occupants = np.zeros(model.base_parks, dtype=np.int64)
        lr = th["sigma0"] * rng.standard_normal(n0)
        joins = rng.random(n0) < th["f_park0"]
        self.park = np.zeros(n0, dtype=np.int64)
        if model.base_parks and self.base_capacity > 0:
            self.park[joins] = place_base_firms(rng, int(joins.sum()), self.capacity, self.occupants)
        if n0:
            top = lr.max()
            lr = guard(lr + np.log(self.c0) - (top + np.log(np.exp(lr - top).sum())))
        self.lr, self.id, self.age = lr, np.arange(n0, dtype=np.int64), np.zeros(n0, dtype=np.int64)
        self.next_id = n0
        self.level = np.zeros(len(model.indicators))
        self.growth = np.zeros(len(model.indicators))
        for i in model.counters:
            ind = model.indicators[i]
            self.level[i] = round(th[ind["baseline_parameter"]]) if "baseline_parameter" in ind else ind.get("baseline", 0)
        for i in model.series:
            self.level[i] = model.indicators[i]["baseline"]
            self.growth[i] = np.log1p(model.indicators[i]["initial_growth"])
        self.c = self.eta_e = self.eta_q = 0.0
        self.pipe_year = np.zeros(0, dtype=np.int64)
        self.pipe_inv = np.zeros(0)
        self.pipe_rec = np.zeros(0, dtype=np.int64)
        self.core = 0.0

    def record(self, out):
        th, lr = self.th, self.lr
        self.core = np.exp(lr).sum()
        for i, ind in enumerate(self.m.indicators):
            kind = ind["kind"]
            if kind == "firm_count":
                out[i] = lr.size
            elif kind == "firm_count_above":
                out[i] = np.count_nonzero(lr >= np.log(th[ind["threshold_parameter"]]))
            elif kind == "revenue_sum":
                out[i] = self.core
            elif kind == "park_count":
                out[i] = self.capacity.size
            elif kind == "multiple":
                out[i] = th[ind["parameter"]] * out[self.m.index[ind["of"]]]
            elif kind == "sum":
                out[i] = sum(out[self.m.index[j]] for j in ind["of"])
            else:
                out[i] = self.level[i]

    def common_shocks(self):
        eta = self.L @ self.rng.standard_normal(3)
        self.c = self.th["phi_c"] * self.c + eta[0]
        self.eta_e, self.eta_q = eta[1], eta[2]

    def funding(self, year):
        th, rng = self.th, self.rng
        f = self.m.f_ref
        if not (f > 0 and th["c_proj"] > 0 and self.lr.size):
            return
        n = min(rng.poisson(f / th["c_proj"]), MAX_PER_YEAR)
        if n == 0:
            return
        weights = np.cumsum(np.exp(th["alpha_alloc"] * (self.lr - self.lr.max())))
        pick = np.minimum(np.searchsorted(weights, rng.random(n) * weights[-1], side="right"), weights.size - 1)
        lags = np.array([th["w_lag1"], th["w_lag2"], th["w_lag3"]])
        lags = lags / lags.sum() if lags.sum() > 0 else np.array([1.0, 0.0, 0.0])
        lag = np.searchsorted(np.cumsum(lags), rng.random(n) * lags.sum(), side="right") + 1
        self.pipe_year = np.concatenate([self.pipe_year, year - 1 + lag])
        self.pipe_inv = np.concatenate([self.pipe_inv, np.full(n, f * (1 + th["lambda_soc"]) / n)])
        self.pipe_rec = np.concatenate([self.pipe_rec, self.id[pick]])

    def completed_projects(self, year):
        done = self.pipe_year == year
        n = int(np.count_nonzero(done))
        if n == 0:
            return
        for i in self.m.per_project:
            p = self.th[self.m.indicators[i]["per_project_parameter"]]
            self.level[i] += np.count_nonzero(self.rng.random(n) < p)
        rec, added = self.pipe_rec[done], self.th["roi"] * self.pipe_inv[done]
        if self.id.size:  # a recipient that exited meanwhile gets nothing
            pos = np.minimum(np.searchsorted(self.id, rec), self.id.size - 1)
            alive = (self.id[pos] == rec) & (added > 0)
            firms, which = np.unique(pos[alive], return_inverse=True)
            gain = np.bincount(which, weights=added[alive], minlength=firms.size)
            self.lr[firms] = guard(np.log(np.exp(self.lr[firms]) + gain))
        keep = ~done
        self.pipe_year, self.pipe_inv, self.pipe_rec = self.pipe_year[keep], self.pipe_inv[keep], self.pipe_rec[keep]

    def growth_step(self):
        th, lr = self.th, self.lr
        nu = th["nu_t"]
        if np.isfinite(nu) and nu > 2:
            eps = self.rng.standard_t(nu, lr.size) * np.sqrt((nu - 2) / nu)
        else:
            eps = self.rng.standard_normal(lr.size)
        scale = np.minimum(th["sigma_max"], th["sigma_g"] * np.exp(-th["kappa"] * (lr - self.log_r_ref)))
        shock = np.clip(scale * eps, -th["shock_max"], th["shock_max"])
        self.lr = guard(lr + (th["mu_g"] + self.c) + th["gamma_park"] * (self.park != 0) + shock)

    def exit_step(self):
        th = self.th
        hazard = np.minimum(th["h_max"], th["h0"] * np.exp(-th["zeta"] * (self.lr - self.log_r_ref)))
        exits = self.rng.random(self.lr.size) < hazard
        if exits.any():
            self.occupants -= np.bincount(self.park[exits], minlength=self.capacity.size + 1)[1:]
            keep = ~exits
            self.lr, self.park, self.id, self.age = self.lr[keep], self.park[keep], self.id[keep], self.age[keep]
        self.age = np.minimum(self.age + 1, 0xFFFF)

    def entry(self, core_t):
        th, rng = self.th, self.rng
        free = np.maximum(0.0, self.capacity - self.occupants).sum()
        free_share = free / self.base_capacity if self.base_capacity > 0 else 0.0
        ratio = core_t / self.c0 if self.c0 > 0 else 1.0
        lam = (th["lambda0"] * np.exp(self.eta_e - 0.5 * th["sigma_ce"] ** 2) * ratio ** th["eps_c"]
               * (1 + th["beta_park"] * free_share))
        n = 0
        if np.isfinite(lam) and lam > 0:
            k = th["k_e"]
            n = min(int(rng.negative_binomial(k, k / (k + lam))), MAX_PER_YEAR)
        if n == 0:
            return
        lr = guard(th["mu_e"] + th["sigma_e"] * rng.standard_normal(n))
        joins = rng.random(n) < th["p_park"]
        park = np.zeros(n, dtype=np.int64)
        if joins.any() and self.capacity.size:
            park[joins] = place_entrants(rng, int(joins.sum()), self.capacity, self.occupants)
        self.lr = np.concatenate([self.lr, lr])
        self.park = np.concatenate([self.park, park])
        self.id = np.concatenate([self.id, np.arange(self.next_id, self.next_id + n)])
        self.age = np.concatenate([self.age, np.zeros(n, dtype=np.int64)])
        self.next_id += n

    def counters(self):
        th, m = self.th, self.m
        for i in m.counters:
            ind = m.indicators[i]
            scale = ind.get("scale", "none")
            if scale == "firms":
                s = self.lr.size / self.n0 if self.n0 > 0 else 0.0
            elif scale == "funding":
                s = (m.f_ref / m.f_ref) ** th[ind["elasticity_parameter"]] if m.f_ref > 0 else 1.0
            else:
                s = 1.0
            self.level[i] += self.rng.poisson(th[ind["rate_parameter"]] * s)

    def growth_series(self):
        for i in self.m.series:
            ind = self.m.indicators[i]
            mean = self.th[ind["mean_growth_parameter"]]
            g = mean + self.th[ind["persistence_parameter"]] * (self.growth[i] - mean) + self.eta_q
            self.growth[i] = min(max(g, -SERIES_GROWTH_LIMIT), SERIES_GROWTH_LIMIT)
            self.level[i] *= np.exp(self.growth[i])

    def step(self, year):
        core_t = self.core  # C_t: recorded at the end of the previous year
        self.common_shocks()
        self.funding(year)
        self.completed_projects(year)
        self.growth_step()
        self.exit_step()
        self.entry(core_t)
        self.counters()
        self.growth_series()


def simulate(model, runs, seed):
    """All runs, one after another; returns (values[run, year, indicator], firm-steps, CPU s, wall s).
    CPU time is what the figure uses, as Google Benchmark's rates do for targetcast_bench."""
    years = model.horizon - model.base_year + 1
    values = np.zeros((runs, years, len(model.indicators)))
    rng = np.random.default_rng(seed)
    firm_steps = 0
    cpu, wall = time.process_time(), time.perf_counter()
    for k in range(runs):
        run = Run(model, draw_theta(rng, model.priors), rng)
        run.record(values[k, 0])
        for y in range(1, years):
            firm_steps += run.lr.size
            run.step(model.base_year + y)
            run.record(values[k, y])
    return values, firm_steps, time.process_time() - cpu, time.perf_counter() - wall


def targetcast_medians(binary, deadline, ids):
    """Medians at `deadline` from `targetcast simulate --runs 2000 --threads 1 --no-per-run`."""
    with tempfile.TemporaryDirectory() as tmp:
        db = pathlib.Path(tmp) / "peer.sqlite"
        subprocess.run([binary, "simulate", "--runs", "2000", "--threads", "1", "--no-per-run", "--db", str(db)],
                       check=True, stdout=subprocess.DEVNULL)
        con = sqlite3.connect(db)
        rows = con.execute("SELECT indicator_id, p50 FROM indicator_summary WHERE year = ?", (deadline,)).fetchall()
        con.close()
    found = dict(rows)
    return [found.get(i) for i in ids]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=200, help="runs to simulate and time (default 200)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--targetcast", help="targetcast binary: also print its medians (2,000 runs, one thread)")
    args = ap.parse_args()
    if args.runs < 1:
        sys.exit("numpy_peer.py: --runs must be at least 1")
    model = Model()
    values, firm_steps, seconds, wall = simulate(model, args.runs, args.seed)
    ns = seconds * 1e9 / firm_steps if firm_steps else float("nan")
    print(f"numpy peer: {args.runs} runs, {firm_steps} firm-steps in {seconds:.3f} s CPU ({wall:.3f} s wall), "
          f"{firm_steps / seconds:.4g} firm-steps/s, {ns:.1f} ns per firm-step "
          f"(numpy {np.__version__}, one thread)")
    ids = ["core_industry", "firms"]
    at = model.deadline - model.base_year
    peer = [float(np.median(values[:, at, model.index[i]])) for i in ids]
    theirs = targetcast_medians(args.targetcast, model.deadline, ids) if args.targetcast else [None, None]
    for name, mine, other in zip(ids, peer, theirs):
        beside = f", targetcast {other:.6g} (2000 runs)" if other is not None else ""
        print(f"median {name} at {model.deadline}: numpy peer {mine:.6g} ({args.runs} runs){beside}")


if __name__ == "__main__":
    main()
