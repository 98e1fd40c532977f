"""End-to-end: population-based training (issue 19, search.strategy: pbt) under `mpirun`,
with a command script that trains the PBT paper's toy problem and keeps its state (theta, the
step, and the chain of trials that trained it) in HPS_TRIAL_DIR."""
import json
import os
import time

from harness import check, hpsearch, hpsearch_mpi, main, read_evaluations, tempdir, write

# The toy problem of Jaderberg et al. 2017: theta = (0.9, 0.9) trained by gradient ascent on
# Q^(theta | h) = 1.2 - (h0 theta0^2 + h1 theta1^2), one step of size 0.1 per fidelity unit,
# scored by the true objective Q(theta) = 1.2 - (theta0^2 + theta1^2), maximized. A job that
# continues (HPS_RESUME_FROM > 0) must find the state at that step, else it fails.
TOY = r"""import json, os, sys, time
h = [float(sys.argv[1]), float(sys.argv[2])]
d = os.environ["HPS_TRIAL_DIR"]
start = float(os.environ["HPS_RESUME_FROM"])
path = os.path.join(d, "state.json")
if start > 0:
    if not os.path.exists(path):
        sys.exit(f"no saved state in {d} to resume from step {start}")
    with open(path) as f:
        state = json.load(f)
    if state["step"] != start:
        sys.exit(f"the state in {d} is at step {state['step']}, HPS_RESUME_FROM is {start}")
else:
    state = {"theta": [0.9, 0.9], "step": 0, "chain": [], "q": []}
state["chain"].append(int(os.environ["HPS_TRIAL_ID"]))
step = int(state["step"])
q = None
while step < float(os.environ["HPS_FIDELITY"]):
    state["theta"] = [t - 0.1 * 2 * hi * t for t, hi in zip(state["theta"], h)]
    step += 1
    q = 1.2 - sum(t * t for t in state["theta"])
    state["q"].append(q)
    time.sleep(0.02)
    print(f"progress: {step} {q:.12f}", flush=True)
state["step"] = step
with open(path + ".tmp", "w") as f:
    json.dump(state, f)
os.replace(path + ".tmp", path)
print(f"objective: {q:.12f}")
"""

PROBLEM = """
space:
  h0: {type: real, low: 0.0, high: 1.0}
  h1: {type: real, low: 0.0, high: 1.0}
objective:
  kind: command
  command: [/usr/bin/python3, '{problem_dir}/toy.py', '{h0}', '{h1}']
  direction: maximize
search: {strategy: pbt, population: 4, ready: 2, max_fidelity: 12, quantile: 0.25}
run: {max_evals: 200, seed: 11KEEP}
"""
OK, LOST = 0, 4  # Status
PAUSED, FINISHED = 1, 0  # TrialDecision


def setup(d, keep):
    write(os.path.join(d, "toy.py"), TOY)
    write(os.path.join(d, "search.yaml"),
          PROBLEM.replace("KEEP", ", keep_trial_states: all" if keep else ""))


def curves_by_row(path):
    import h5py
    with h5py.File(path, "r", locking=False) as f:
        curves = f["curves"][:]
    out = {}
    for c in curves:
        out.setdefault(int(c["eval_id"]), []).append((float(c["step"]), float(c["value"])))
    return out


def children_continue_their_donors_curves():
    """Every segment after a member's first starts from a copy of its donor's saved state:
    its state's chain is the donor's chain plus itself, its first reported value continues
    the donor's curve (one more gradient step from the donor's theta, not a fresh start),
    and some members copied another member (exploit) with other hyperparameters."""
    with tempdir() as d:
        setup(d, keep=True)
        proc = hpsearch_mpi(3, "run", "search.yaml", cwd=d, timeout=300)
        check(proc.returncode == 0, "the PBT search should finish", proc)
        rows, _, _ = read_evaluations(os.path.join(d, "search.h5"))
        check(all(int(r["status"]) == OK for r in rows), "no job failed", proc)
        ends = [r for r in rows if float(r["fidelity"]) == 12]
        # Asynchronous: a member that copies another jumps to the donor's step (ahead or
        # behind), so the number of segments varies; each member ends once, at 12.
        check(len(ends) == 4 and all(int(r["decision"]) == FINISHED for r in ends),
              "the 4 members trained to the end", proc)
        states = {}
        for r in rows:
            with open(os.path.join(d, "search.trials", f"trial-{int(r['trial'])}",
                                   "state.json")) as f:
                states[int(r["trial"])] = json.load(f)
        curves = curves_by_row(os.path.join(d, "search.h5"))
        exploits = 0
        for r in rows:
            t = int(r["trial"])
            chain = states[t]["chain"]
            check(chain[-1] == t, f"trial {t}'s state was saved by it: {chain}")
            start = float(r["from_fidelity"])
            if start == 0:
                check(chain == [t], f"trial {t} started from scratch: {chain}")
                check(int(r["parent"]) == -1, f"trial {t} has no parent: {int(r['parent'])}")
                continue
            donor = chain[-2]
            check(int(r["parent"]) == donor,
                  f"the checkpoint's lineage names trial {t}'s donor {donor}: {int(r['parent'])}")
            check(states[donor]["chain"] == chain[:-1],
                  f"trial {t} copied trial {donor}'s state: {chain} vs "
                  f"{states[donor]['chain']}")
            donor_row = [x for x in rows if int(x["trial"]) == donor][0]
            check(float(donor_row["fidelity"]) == start,
                  f"trial {t} starts at {start}, where its donor {donor} paused")
            check(int(donor_row["decision"]) == PAUSED, f"donor {donor} was paused")
            first_step, first_value = curves[int(r["id"])][0]
            check(first_step == start + 1, f"trial {t}'s curve goes on at {start + 1}")
            # One more step from the donor's theta with the child's h: the child's curve
            # continues the donor's (its state holds every value of the chain).
            check(states[t]["q"][:len(states[donor]["q"])] == states[donor]["q"],
                  f"trial {t}'s history is its donor's")
            check(abs(states[t]["q"][int(start)] - first_value) < 1e-9,
                  f"trial {t}'s first value {first_value} is its step {start + 1}")
            check(first_value >= states[donor]["q"][-1] - 1e-12,
                  f"trial {t} goes on from its donor's {states[donor]['q'][-1]}, "
                  f"not from scratch: {first_value}")
            if any(abs(float(r[p]) - float(donor_row[p])) > 0 for p in ("p:h0", "p:h1")):
                exploits += 1
        check(exploits > 0, "some members exploited another member and explored", proc)
        best = max(float(r["objective"]) for r in rows if float(r["fidelity"]) == 12)
        print(f"{len(rows)} segments, {exploits} with explored hyperparameters; best Q at 12: "
              f"{best:.4f} (the optimum is 1.2)")


def killed_pbt_resumes_losing_nothing():
    """kill -9 of the whole job mid-search, with states removed as they retire (the default
    run.keep_trial_states): the resumed search loses no finished row, re-runs the jobs in
    flight from their donors' pinned states (a job without its state fails) and trains every
    member to the end."""
    from test_resume import kill_job, rows_of, start
    with tempdir() as d:
        setup(d, keep=False)
        ckpt = os.path.join(d, "search.h5")
        proc = start(3, "run", "search.yaml", cwd=d)
        deadline = time.time() + 180
        rows = None
        while time.time() < deadline and proc.poll() is None:
            try:
                rows = rows_of(ckpt)
            except Exception:  # not created yet
                rows = None
            if rows is not None and len(rows) >= 9:
                break
            time.sleep(0.02)
        check(proc.poll() is None, f"the search ended before 9 rows (exit {proc.poll()})")
        kill_job(proc)
        before = rows_of(ckpt)
        kept = {int(r["id"]): r.tobytes() for r in before[before["status"] != LOST]}
        resumed = hpsearch_mpi(3, "run", "search.yaml", cwd=d, timeout=300)
        check(resumed.returncode == 0, "the resumed search should finish", resumed)
        check("resuming" in resumed.stdout, "it resumed the checkpoint", resumed)
        rows = rows_of(ckpt)
        by_id = {int(r["id"]): r for r in rows}
        lost = [k for k, b in kept.items() if k not in by_id or by_id[k].tobytes() != b]
        check(not lost, f"finished rows lost or changed by the resume: {lost}", resumed)
        done = rows[rows["status"] != LOST]
        failed = [int(r["id"]) for r in done if int(r["status"]) != OK]
        check(not failed, f"no job failed (a copy without its donor's state fails): {failed}",
              resumed)
        ends = [r for r in done if float(r["fidelity"]) == 12]
        check(len(ends) == 4 and all(int(r["decision"]) == FINISHED for r in ends),
              "every member trained to the end", resumed)
        # Lineage intact: every segment after a member's first names a parent trial that
        # ended ok, paused where the segment starts.
        by_trial = {int(r["trial"]): r for r in done}
        for r in done:
            parent = int(r["parent"])
            if float(r["from_fidelity"]) == 0:
                check(parent == -1, f"row {int(r['id'])} started from scratch: parent {parent}")
                continue
            check(parent in by_trial, f"row {int(r['id'])}'s parent {parent} has a row", resumed)
            check(float(by_trial[parent]["fidelity"]) == float(r["from_fidelity"]) and
                  int(by_trial[parent]["decision"]) == PAUSED,
                  f"row {int(r['id'])} starts where its parent {parent} paused", resumed)
        left = os.listdir(os.path.join(d, "search.trials")) if os.path.isdir(
            os.path.join(d, "search.trials")) else []
        check(not [x for x in left if x.startswith("trial-")],
              f"no state left after the finished search: {left}", resumed)
        print(f"killed at {len(kept)} finished rows; {int((rows['status'] == LOST).sum())} jobs "
              f"lost and re-run; {len(done)} finished rows")


def validate_prints_the_pbt_settings():
    with tempdir() as d:
        setup(d, keep=False)
        proc = hpsearch("validate", "search.yaml", cwd=d)
        check(proc.returncode == 0, "validate accepts the PBT problem", proc)
        for text in ("strategy pbt", "population 4", "ready 2", "exploit truncation",
                     "quantile 0.25", "resample_probability 0.25", "synchronous false"):
            check(text in proc.stdout.replace(":", ""), f"validate prints '{text}'", proc)


FUNCTION_PROBLEM = """
space:
  h0: {type: real, low: 0.0, high: 1.0}
  h1: {type: real, low: 0.0, high: 1.0}
objective: {kind: function, name: pbt_toy, direction: maximize}
search: {strategy: pbt, population: 4, ready: 3, max_fidelity: 15}
run: {max_evals: 200, seed: 5, keep_trial_states: all}
"""


def toy_function_kind_keeps_theta_in_the_trial_states():
    """The built-in function kind pbt_toy under PBT: each segment's theta is saved in its
    trial's state directory, and a segment that copied a donor (its parent in the
    checkpoint) took its first step from the donor's saved theta with its own h."""
    with tempdir() as d:
        write(os.path.join(d, "search.yaml"), FUNCTION_PROBLEM)
        proc = hpsearch_mpi(3, "run", "search.yaml", cwd=d, timeout=300)
        check(proc.returncode == 0, "the PBT search of pbt_toy should finish", proc)
        rows, _, _ = read_evaluations(os.path.join(d, "search.h5"))
        check(all(int(r["status"]) == OK for r in rows), "no job failed", proc)
        curves = curves_by_row(os.path.join(d, "search.h5"))

        def theta(trial):
            with open(os.path.join(d, "search.trials", f"trial-{trial}", "pbt_toy.state")) as f:
                t0, t1, step = f.read().split()
            return float.fromhex(t0), float.fromhex(t1), int(step)

        copies = 0
        for r in rows:
            t0, t1, step = theta(int(r["trial"]))
            check(step == float(r["fidelity"]), f"trial {int(r['trial'])} saved its step {step}")
            check(abs(1.2 - (t0 * t0 + t1 * t1) - float(r["objective"])) < 1e-12,
                  f"trial {int(r['trial'])}'s objective is Q of its saved theta")
            parent = int(r["parent"])
            if float(r["from_fidelity"]) == 0:
                check(parent == -1, "a first segment has no parent")
                continue
            p0, p1, pstep = theta(parent)
            check(pstep == float(r["from_fidelity"]), f"the parent {parent} paused at the start")
            h0, h1 = float(r["p:h0"]), float(r["p:h1"])
            n0, n1 = p0 - 0.01 * 2 * h0 * p0, p1 - 0.01 * 2 * h1 * p1
            first = curves[int(r["id"])][0]
            check(first[0] == pstep + 1 and abs(first[1] - (1.2 - (n0 * n0 + n1 * n1))) < 1e-12,
                  f"row {int(r['id'])}'s first step continues parent {parent}'s theta: {first}")
            parent_row = [x for x in rows if int(x["trial"]) == parent][0]
            copies += int(parent_row["p:h0"] != r["p:h0"] or parent_row["p:h1"] != r["p:h1"])
        check(copies > 0, "some segments copied and explored", proc)
        print(f"{len(rows)} segments, {copies} explored copies; best Q "
              f"{max(float(r['objective']) for r in rows):.4f}")


if __name__ == "__main__":
    main({t.__name__: t for t in (children_continue_their_donors_curves,
                                  killed_pbt_resumes_losing_nothing,
                                  validate_prints_the_pbt_settings,
                                  toy_function_kind_keeps_theta_in_the_trial_states)})
