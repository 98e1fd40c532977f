/* hpsearch_plugin.h: the C ABI of `objective.kind: plugin` (a compiled objective in a
 * shared library, evaluated in the worker process: no process start per evaluation).
 *
 * A plugin is a shared library that exports
 *
 *   int hps_evaluate(const char* config_json, hps_reporter* reporter, double* objective,
 *                    char* message, size_t message_size);
 *
 * and optionally `int hps_plugin_abi_version(void)` returning HPS_PLUGIN_ABI_VERSION (a
 * library that exports a number this hpsearch does not speak is refused when loaded).
 *
 * ABI versions: 1 (the job's id, seed and fidelity, hps_report, hps_should_stop); 2 adds
 * the trial (hps_trial_id, hps_resume_from, hps_trial_dir) as fields appended to
 * hps_reporter. hpsearch speaks both: a plugin built against version 1 runs unchanged (it
 * never reads the new fields). A plugin built against this header asks for the trial with
 * the accessors, which check reporter->abi_version, so it also runs under an hpsearch that
 * fills version 1 only (hps_trial_dir() is then NULL and hps_resume_from() 0).
 *
 * Each worker rank loads the library once (dlopen) and calls hps_evaluate once per job,
 * always from the same thread (one call at a time per process: a plugin may keep state
 * between calls, e.g. a loaded data set, in its own statics).
 *
 * Arguments:
 *   config_json   the job's configuration as one JSON object, parameter name -> value, in
 *                 the space's order: reals and integers as numbers, booleans as true/false,
 *                 categorical choices as their JSON value (strings escaped). Inactive
 *                 (conditional) parameters are absent. Example: {"x1": 2.5, "act": "relu"}.
 *   reporter      the job: hps_job_id(), hps_job_seed(), hps_job_fidelity() read it, and
 *                 hps_report() streams intermediate values (a learning curve) to the
 *                 manager. Valid only during the call.
 *                 The trial the job works for (multi-fidelity searches train a trial in
 *                 several jobs: from fidelity hps_resume_from() to hps_job_fidelity()):
 *                 hps_trial_id(), hps_resume_from() (0: start from scratch; > 0: continue
 *                 from the state saved when the trial reached that fidelity) and
 *                 hps_trial_dir() (the trial's state directory, existing and writable:
 *                 save there what continuing needs; NULL when the run has none).
 *                 A plugin that does not save its state re-runs from step 0: its reports
 *                 for steps <= hps_resume_from() are not forwarded again.
 *   objective     where the plugin writes its result (pre-set to NaN).
 *   message       a buffer of message_size bytes (pre-set to ""), for a NUL-terminated
 *                 reason when the evaluation fails; hpsearch records it.
 *
 * Return codes:
 *   HPS_OK       (0)  *objective holds the result; a NaN or infinite one is recorded as a
 *                     failure ("non-finite objective").
 *   HPS_STOPPED  (1)  the plugin ended early because hps_report() returned nonzero (the
 *                     manager stopped the job); *objective holds the last reported value.
 *   HPS_FAILED   (2)  the evaluation failed; `message` says why. Any other value is a
 *                     failure too, recorded with its number.
 *
 * hps_report(reporter, step, value) sends one intermediate value (e.g. the validation
 * loss after epoch `step`) and returns nonzero once the manager has decided to stop this
 * job (search.pruner); the plugin should then return HPS_STOPPED promptly. It never waits
 * for the manager. hps_should_stop() asks the same without reporting.
 *
 * Include this header from C or C++; it declares nothing the plugin must link against.
 */
#ifndef HPSEARCH_PLUGIN_H
#define HPSEARCH_PLUGIN_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HPS_PLUGIN_ABI_VERSION 2
/* The oldest ABI version hpsearch still loads. */
#define HPS_PLUGIN_ABI_VERSION_MIN 1

#define HPS_OK 0
#define HPS_STOPPED 1
#define HPS_FAILED 2

/* Filled by hpsearch; plugins use the accessors below, never the fields directly. */
typedef struct hps_reporter {
  int abi_version; /* HPS_PLUGIN_ABI_VERSION */
  long long job_id;
  unsigned long long seed; /* per-job seed derived from run.seed */
  double fidelity;         /* e.g. epochs; 0 when the strategy has no fidelity */
  void* context;
  int (*report)(void* context, double step, double value);
  int (*should_stop)(void* context);
  /* ABI version 2 (read them only when abi_version >= 2: the accessors below do). */
  long long trial_id;    /* the trial the job works for */
  double from_fidelity;  /* 0: from scratch; > 0: the fidelity the trial's saved state holds */
  const char* trial_dir; /* the trial's state directory; NULL when none */
} hps_reporter;

/* The signature of the function a plugin exports. */
typedef int (*hps_evaluate_fn)(const char* config_json, hps_reporter* reporter, double* objective,
                               char* message, size_t message_size);
typedef int (*hps_plugin_abi_version_fn)(void);

static inline int hps_report(hps_reporter* reporter, double step, double value) {
  return reporter != NULL && reporter->report != NULL
             ? reporter->report(reporter->context, step, value)
             : 0;
}

static inline int hps_should_stop(hps_reporter* reporter) {
  return reporter != NULL && reporter->should_stop != NULL
             ? reporter->should_stop(reporter->context)
             : 0;
}

static inline long long hps_job_id(const hps_reporter* reporter) {
  return reporter != NULL ? reporter->job_id : -1;
}

static inline unsigned long long hps_job_seed(const hps_reporter* reporter) {
  return reporter != NULL ? reporter->seed : 0;
}

static inline double hps_job_fidelity(const hps_reporter* reporter) {
  return reporter != NULL ? reporter->fidelity : 0.0;
}

static inline long long hps_trial_id(const hps_reporter* reporter) {
  return reporter != NULL && reporter->abi_version >= 2 ? reporter->trial_id : hps_job_id(reporter);
}

static inline double hps_resume_from(const hps_reporter* reporter) {
  return reporter != NULL && reporter->abi_version >= 2 ? reporter->from_fidelity : 0.0;
}

static inline const char* hps_trial_dir(const hps_reporter* reporter) {
  return reporter != NULL && reporter->abi_version >= 2 ? reporter->trial_dir : NULL;
}

#ifdef __cplusplus
}
#endif

#endif /* HPSEARCH_PLUGIN_H */
