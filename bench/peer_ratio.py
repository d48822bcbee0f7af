#!/usr/bin/python3
"""The line bench/run writes into docs/benchmarks.md comparing targetcast on one
thread with the numpy peer (issue 17, goal >= 30x):

  /usr/bin/python3 bench/peer_ratio.py MICRO PEER

MICRO is targetcast_bench's console output: its model_prior_runs line (runs with
θ from the priors, one thread) carries ns_per_firm_step. PEER is
bench/numpy_peer.py's output: its "numpy peer:" line ends in "ns per firm-step".
Both are CPU time per firm-step on the same machine in the same bench/run. A
figure that is missing gives "not measured" and why, never a made-up ratio.
Standard library only, so that it runs (and is tested) without numpy.
"""
import re
import sys

GOAL = 30.0
# Google Benchmark prints an inverted rate with an SI prefix: 52.1ns, 1.2us.
TARGETCAST = re.compile(r"^model_prior_runs/\S+.*ns_per_firm_step=([0-9.eE+-]+)\s*([num\u00b5]?)s\b", re.M)
PEER = re.compile(r"^numpy peer:.*?([0-9.]+) ns per firm-step", re.M)
SCALE = {"n": 1.0, "u": 1e3, "\u00b5": 1e3, "m": 1e6, "": 1e9}


def ratio_line(micro, peer):
    head = "targetcast one thread vs numpy peer"
    tc = TARGETCAST.search(micro)
    np_ = PEER.search(peer)
    if tc is None:
        return f"{head}: not measured (no model_prior_runs figure in targetcast_bench's output)"
    if np_ is None:
        first = peer.strip().splitlines()[0] if peer.strip() else "the peer printed nothing"
        inner = re.fullmatch(r"numpy peer: not measured \((.*)\)", first)
        why = inner.group(1) if inner else first
        return f"{head}: not measured ({why})"
    tc_ns = float(tc.group(1)) * SCALE[tc.group(2)]
    np_ns = float(np_.group(1))
    ratio = np_ns / tc_ns
    verdict = "met" if ratio >= GOAL else "not met"
    return (f"{head}: {ratio:.1f}\u00d7 (targetcast {tc_ns:.1f} ns/firm-step, numpy {np_ns:.1f} ns/firm-step, "
            f"same machine, same run; goal \u2265 {GOAL:.0f}\u00d7: {verdict})")


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: peer_ratio.py TARGETCAST_BENCH_OUTPUT NUMPY_PEER_OUTPUT")
    texts = []
    for path in sys.argv[1:]:
        try:
            with open(path, encoding="utf-8") as f:
                texts.append(f.read())
        except OSError as e:
            sys.exit(f"peer_ratio.py: cannot read {path}: {e.strerror}")
    print(ratio_line(*texts))


if __name__ == "__main__":
    main()
