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
    check_toy_function_run(FUNCTION_PROBLEM)


def pb2_run_on_pbt_toy_copies_and_explores():
    """strategy pb2 on the built-in pbt_toy: the same state handling as PBT (each copy
    continues its donor's saved theta), the explored h from the GP bandit within the
    bounds, every member trained to the end."""
    rows = check_toy_function_run(FUNCTION_PROBLEM.replace("strategy: pbt", "strategy: pb2"))
    check(all(0.0 <= float(r[p]) <= 1.0 for r in rows for p in ("p:h0", "p:h1")),
          "every h within its bounds")
    ends = [r for r in rows if float(r["fidelity"]) == 15]
    check(len(ends) == 4 and all(int(r["decision"]) == FINISHED for r in ends),
          f"the 4 members trained to the end: {len(ends)}")


def pb2_refuses_a_categorical_before_any_rank_starts():
    with tempdir() as d:
        setup(d, keep=False)
        with open(os.path.join(d, "search.yaml")) as f:
            text = f.read()
        write(os.path.join(d, "search.yaml"), text.replace("strategy: pbt", "strategy: pb2").replace(
            "  h1: {type: real, low: 0.0, high: 1.0}\n",
            "  h1: {type: real, low: 0.0, high: 1.0}\n  act: {type: categorical, choices: [a, b]}\n"))
        for proc in (hpsearch("validate", "search.yaml", cwd=d),
                     hpsearch_mpi(2, "run", "search.yaml", cwd=d, timeout=120)):
            check(proc.returncode == 2, "exit 2", proc)
            check("pb2 handles reals and integers; use pbt" in proc.stderr and "'act'" in proc.stderr,
                  "the error names the parameter and says to use pbt", proc)
            check(not os.path.exists(os.path.join(d, "search.h5")), "no checkpoint written", proc)


def validate_prints_the_pb2_settings():
    with tempdir() as d:
        write(os.path.join(d, "search.yaml"),
              FUNCTION_PROBLEM.replace("strategy: pbt", "strategy: pb2"))
        proc = hpsearch("validate", "search.yaml", cwd=d)
        check(proc.returncode == 0, "validate accepts the PB2 problem", proc)
        out = proc.stdout.replace(":", "")
        for text in ("strategy pb2", "population 4", "ready 3", "exploit truncation",
                     "quantile 0.25", "synchronous false"):
            check(text in out, f"validate prints '{text}'", proc)
        check("resample_probability" not in out, "pb2 has no resample_probability", proc)


def replay_reaches_the_best_members_recorded_metric():
    """strategy replay trains the best member's recorded schedule (its lineage in the
    checkpoint) from scratch as one trial whose jobs change h at the recorded ready points:
    pbt_toy is deterministic, so every segment's objective, the last one's included (the
    member's recorded metric), is reproduced exactly."""
    with tempdir() as d:
        write(os.path.join(d, "search.yaml"), FUNCTION_PROBLEM)
        proc = hpsearch_mpi(3, "run", "search.yaml", cwd=d, timeout=300)
        check(proc.returncode == 0, "the PBT search should finish", proc)
        rows, _, _ = read_evaluations(os.path.join(d, "search.h5"))
        ok = [r for r in rows if int(r["status"]) == OK]
        best = max((r for r in ok if float(r["fidelity"]) == 15),
                   key=lambda r: float(r["objective"]))
        by_trial = {int(r["trial"]): r for r in ok}
        lineage = [best]
        while int(lineage[-1]["parent"]) >= 0:
            lineage.append(by_trial[int(lineage[-1]["parent"])])
        lineage.reverse()
        check(len(lineage) >= 2, f"the best member has a lineage: {len(lineage)} segments")
        write(os.path.join(d, "replay.yaml"), FUNCTION_PROBLEM.replace(
            "search: {strategy: pbt, population: 4, ready: 3, max_fidelity: 15}",
            "search: {strategy: replay, replay_from: search.h5, replay_trial: best}"))
        val = hpsearch("validate", "replay.yaml", cwd=d)
        check(val.returncode == 0 and "replay_from: search.h5" in val.stdout and
              "replay_trial: best" in val.stdout, "validate prints the replay settings", val)
        replay = hpsearch_mpi(3, "run", "replay.yaml", cwd=d, timeout=300)
        check(replay.returncode == 0, "the replay should finish", replay)
        again, _, _ = read_evaluations(os.path.join(d, "replay.h5"))
        check(len(again) == len(lineage), f"one job per recorded segment: {len(again)} vs "
              f"{len(lineage)}", replay)
        for new, old in zip(again, lineage):
            check(int(new["status"]) == OK and int(new["trial"]) == 0 and int(new["parent"]) == -1,
                  f"job {int(new['id'])}: trial 0, ok, continuing its own state", replay)
            check((float(new["from_fidelity"]), float(new["fidelity"])) ==
                  (float(old["from_fidelity"]), float(old["fidelity"])),
                  f"job {int(new['id'])} trains the recorded segment", replay)
            check((float(new["p:h0"]), float(new["p:h1"])) == (float(old["p:h0"]),
                                                                 float(old["p:h1"])),
                  f"job {int(new['id'])} has the recorded h", replay)
            check(abs(float(new["objective"]) - float(old["objective"])) < 1e-12,
                  f"job {int(new['id'])} reaches the recorded {float(old['objective'])!r}: "
                  f"{float(new['objective'])!r}", replay)
        check(int(again[-1]["decision"]) == FINISHED, "the replay ends finished", replay)
        print(f"replayed {len(lineage)} segments; recorded best Q {float(best['objective'])!r}, "
              f"replayed {float(again[-1]['objective'])!r}")


def replay_refuses_a_missing_file_and_a_file_without_lineage():
    with tempdir() as d:
        replay = FUNCTION_PROBLEM.replace(
            "search: {strategy: pbt, population: 4, ready: 3, max_fidelity: 15}",
            "search: {strategy: replay, replay_from: FILE}")
        write(os.path.join(d, "missing.yaml"), replay.replace("FILE", "nowhere.h5"))
        for proc in (hpsearch("validate", "missing.yaml", cwd=d),
                     hpsearch_mpi(2, "run", "missing.yaml", cwd=d, timeout=120)):
            check(proc.returncode == 2 and "search.replay_from" in proc.stderr and
                  "nowhere.h5" in proc.stderr, "a missing file is named", proc)
            check(not os.path.exists(os.path.join(d, "missing.h5")), "no checkpoint written",
                  proc)
        write(os.path.join(d, "plain.yaml"),
              "space:\n  x: {type: real, low: 0, high: 1}\n"
              "objective: {kind: function, name: sphere}\nrun: {max_evals: 3, seed: 1}\n")
        proc = hpsearch_mpi(2, "run", "plain.yaml", cwd=d, timeout=120)
        check(proc.returncode == 0, "a random search to replay from", proc)
        write(os.path.join(d, "nolineage.yaml"), replay.replace("FILE", "plain.h5"))
        proc = hpsearch("validate", "nolineage.yaml", cwd=d)
        check(proc.returncode == 2 and "search.replay_from" in proc.stderr and
              "no lineage" in proc.stderr, "a file without lineage is refused", proc)
        write(os.path.join(d, "badtrial.yaml"), replay.replace("FILE", "plain.h5").replace(
            "replay_from: plain.h5", "replay_from: plain.h5, replay_trial: -3"))
        proc = hpsearch("validate", "badtrial.yaml", cwd=d)
        check(proc.returncode == 2 and "replay_trial" in proc.stderr, "a bad trial id", proc)


def check_toy_function_run(problem):
    """Runs `problem` (pbt_toy, population 4) under mpirun and checks the copied states;
    returns the rows."""
    with tempdir() as d:
        write(os.path.join(d, "search.yaml"), problem)
        proc = hpsearch_mpi(3, "run", "search.yaml", cwd=d, timeout=300)
        check(proc.returncode == 0, "the search of pbt_toy should finish", proc)
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
        return rows


if __name__ == "__main__":
    main({t.__name__: t for t in (children_continue_their_donors_curves,
                                  killed_pbt_resumes_losing_nothing,
                                  validate_prints_the_pbt_settings,
                                  toy_function_kind_keeps_theta_in_the_trial_states,
                                  pb2_run_on_pbt_toy_copies_and_explores,
                                  pb2_refuses_a_categorical_before_any_rank_starts,
                                  validate_prints_the_pb2_settings,
                                  replay_reaches_the_best_members_recorded_metric,
                                  replay_refuses_a_missing_file_and_a_file_without_lineage)})
