"""Poison configurations (issue 14): a configuration that kills the whole MPI job each time
it runs, under jobscripts/slurm.sbatch with the fake sbatch/srun of tests/batch/shims (the
test runs each link itself, as Slurm would, from the recorded sbatch call). The job is
recorded failed after run.max_requeues abnormal ends and the chain finishes the search; a
search whose every configuration kills the job stops the chain after links that make no
progress, saying why."""
import os
import shlex
import subprocess
import time

from harness import FIXTURES, HPSEARCH, MPIRUN, SOURCE_DIR, check, main, mpi_env, tempdir, write

SHIMS = os.path.join(SOURCE_DIR, "tests", "batch", "shims")
SBATCH_SCRIPT = os.path.join(SOURCE_DIR, "jobscripts", "slurm.sbatch")
KILLER = os.path.join(FIXTURES, "scripts", "kill_manager.sh")
OK, FAILED, LOST = 0, 1, 4  # Status in the HDF5 enum
POISONED = "re-queued 2 times; each time the job ended abnormally"

PROBLEM = """
space:
  x: {{type: categorical, choices: [0, 1, 2, 3, 4, 5, 6, 7]}}
objective:
  kind: command
  command: [sh, "{killer}", "{{x}}", "{poison}", "{lock}"]
search: {{strategy: grid}}
run: {{max_evals: 8, max_requeues: 2}}  # p:x holds the index of the choice: x itself
"""


def rows_and_allocations(path):
    import h5py  # Debian's python3-h5py
    with h5py.File(path, "r", locking=False) as f:
        return f["evaluations"][:], f["allocations"][:]


def run_chain(tmp, poison, max_links=6, extra_env=None):
    """Runs slurm.sbatch link after link, as Slurm would run each submitted continuation,
    until a link submits none. Returns [(step exit, script exit, log)] and the checkpoint."""
    ckpt = os.path.join(tmp, "p.h5")
    path = write(os.path.join(tmp, "p.yaml"),
                 PROBLEM.format(killer=KILLER, poison=poison, lock=ckpt + ".lock"))
    shim_log = os.path.join(tmp, "calls")
    env = mpi_env()
    env.update({"PATH": SHIMS + os.pathsep + env["PATH"], "SHIM_LOG": shim_log,
                "HPSEARCH_MPIRUN": MPIRUN, "HPS_EXE": HPSEARCH, "HPS_PROBLEM": path,
                "HPS_JOBSCRIPT": SBATCH_SCRIPT, "HPS_MAX_LINKS": str(max_links),
                "SLURM_NTASKS": "2", "SLURM_JOB_NUM_NODES": "1",
                "SLURM_JOB_END_TIME": str(int(time.time()) + 3600)})
    env.update(extra_env or {})
    links = []
    job, link = 500, 1
    while True:
        check(link <= max_links, f"link {link}: more links than HPS_MAX_LINKS={max_links}")
        proc = subprocess.run(["bash", SBATCH_SCRIPT], capture_output=True, text=True, cwd=tmp,
                              env=dict(env, SLURM_JOB_ID=str(job), HPS_LINK=str(link)),
                              timeout=120)
        log = proc.stdout + proc.stderr
        step = [line.split("] step exit ")[1].split()[0] for line in proc.stdout.splitlines()
                if "] step exit " in line]
        links.append((int(step[-1]) if step else None, proc.returncode, log))
        lines = open(shim_log).read().splitlines() if os.path.exists(shim_log) else []
        check(not any(line.startswith("FAIL") for line in lines), "a shim refused:\n" + log)
        sbatch = [shlex.split(line)[1:] for line in lines if line.startswith("sbatch ")]
        if len(sbatch) < link:
            break
        check(len(sbatch) == link and f"--export=ALL,HPS_LINK={link + 1}" in sbatch[-1],
              f"link {link} submitted {sbatch}")
        job, link = job + 1, link + 1
    return links, ckpt


def describe(links):
    return "\n".join(f"--- link {i + 1}: step exit {s}, script exit {c}\n{log}"
                     for i, (s, c, log) in enumerate(links))


def poison_configuration_fails_and_chain_finishes():
    """Grid x = 0..7 on one worker; x = 3 kills the manager. Link 1 records 0..2 and dies;
    link 2 re-runs x = 3 first and dies again (no progress); link 3 records it failed
    ("re-queued 2 times; each time the job ended abnormally") and finishes the search. The
    poison configuration costs run.max_requeues = 2 abnormal links and no more: 3 links."""
    with tempdir() as tmp:
        t0 = time.time()
        links, ckpt = run_chain(tmp, poison="3")
        took = time.time() - t0
        text = describe(links)
        check(len(links) == 3, f"{len(links)} links, expected 1 + max_requeues = 3\n{text}")
        for step, code, log in links[:2]:
            check(step not in (0, 1, 2, 3, 4) and code == 0 and "submitted link" in log,
                  f"links 1 and 2 die abnormally and continue\n{text}")
        check("job(s) in flight at run.max_requeues=2 abnormal ends" in links[1][2],
              f"link 2 says the next link records the job failed\n{text}")
        check(links[2][0] == 0 and "chain done" in links[2][2], f"link 3 finishes\n{text}")
        check("evaluation" in links[2][2] and "recorded failed" in links[2][2],
              f"link 3 says which job it recorded failed\n{text}")
        rows, allocations = rows_and_allocations(ckpt)
        xs = {int(r["id"]): int(r["p:x"]) for r in rows}
        ok = sorted(int(r["p:x"]) for r in rows if r["status"] == OK)
        check(ok == [0, 1, 2, 4, 5, 6, 7], f"ok evaluations x = {ok}")
        failed = [r for r in rows if r["status"] == FAILED]
        check(len(failed) == 1 and int(failed[0]["p:x"]) == 3, f"failed rows {failed}")
        message = failed[0]["message"].decode() if isinstance(failed[0]["message"], bytes) \
            else failed[0]["message"]
        check(POISONED in message, f"message: {message}")
        lost = [r for r in rows if r["status"] == LOST]
        check(len(lost) == 1 and int(lost[0]["p:x"]) == 3, f"lost rows {lost}")
        check(int(failed[0]["requeue_of"]) == int(lost[0]["id"]), "the failure re-ran the lost job")
        check(len(set(xs)) == len(rows), "unique ids")
        status = subprocess.run([HPSEARCH, "status", ckpt], capture_output=True, text=True,
                                env=mpi_env(), timeout=60)
        check(status.returncode == 0 and status.stdout ==
              "finished=8\nallocations=3\nlast_allocation=graceful\nstalled=0\nto_fail=0\n"
              "max_requeues=2\n", "hpsearch status (the problem stored in the checkpoint)",
              status)
        reasons = [a["exit_reason"].decode() for a in allocations]
        check(reasons[:2] == ["killed", "killed"] and len(reasons) == 3 and
              reasons[2] not in ("running", "killed"), f"exit reasons {reasons}")
        print(f"poison x=3: {len(links)} links in {took:.1f}s (step exits "
              f"{[s for s, _, _ in links]}), exit reasons {reasons}; 7 ok, 1 failed: {message}")


def chain_stops_when_links_make_no_progress():
    """Every configuration kills the manager. Link 1 dies (1 link without a result); link 2
    re-runs the job and dies (2 links, but the job has 2 strikes: the next link records it
    failed, so the chain goes on); link 3 records it failed, runs the next configuration
    and dies: 3 links in a row without a result and no job due to fail, so the chain stops
    with the step's exit code, says why with the counts, and submits nothing more."""
    with tempdir() as tmp:
        links, ckpt = run_chain(tmp, poison="all")
        text = describe(links)
        check(len(links) == 3, f"{len(links)} links, expected 3\n{text}")
        last_step, last_code, last_log = links[-1]
        check(last_code == last_step and last_code not in (0, 3),
              f"the chain stops with the step's code\n{text}")
        check("no progress: the last 3 links in a row ended abnormally" in last_log and
              "chain stopped" in last_log, f"the last link says why\n{text}")
        rows, allocations = rows_and_allocations(ckpt)
        check(not any(r["status"] == OK for r in rows), "nothing can succeed")
        failed = [r for r in rows if r["status"] == FAILED]
        check(len(failed) == 1 and int(failed[0]["p:x"]) == 0, f"failed rows {failed}")
        check(len(allocations) == 3, f"{len(allocations)} allocations")
        print(f"every configuration kills the job: the chain stopped after {len(links)} links "
              f"(step exits {[s for s, _, _ in links]}); x=0 recorded failed")
        print("\n".join(line for line in last_log.splitlines() if "no progress" in line))


def a_step_that_never_launches_is_retried_not_done():
    """srun exits 0 although its step never started (the fake srun does so for job 500):
    hpsearch recorded no allocation, so the link is an environment failure (4) and the next
    link runs the search, instead of the chain ending "done" with nothing evaluated."""
    with tempdir() as tmp:
        links, ckpt = run_chain(tmp, poison="99", extra_env={"SHIM_SRUN_NO_LAUNCH": "500"})
        check(len(links) == 2, f"{len(links)} links, expected 2\n" + describe(links))
        check(links[0][0] == 4 and "records no new allocation" in links[0][2],
              "link 1 must be read as 4\n" + describe(links))
        check(links[1][0] == 0 and "chain done" in links[1][2], "link 2 must finish\n" +
              describe(links))
        rows, allocations = rows_and_allocations(ckpt)
        ok = int((rows["status"] == OK).sum())
        check(ok == 8 and len(allocations) == 1, f"{ok} ok rows, {len(allocations)} allocations")
        print(f"no-launch: link 1 step exit 4 (no allocation recorded), link 2 finished: "
              f"{ok} ok evaluations in {len(allocations)} allocation")


if __name__ == "__main__":
    main({f.__name__: f for f in [poison_configuration_fails_and_chain_finishes,
                                  chain_stops_when_links_make_no_progress,
                                  a_step_that_never_launches_is_retried_not_done]})
