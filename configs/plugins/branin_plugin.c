/* branin_plugin.c: an example `objective.kind: plugin` (see lib/hpsearch/eval/hpsearch_plugin.h).
 *
 * Evaluates the Branin function at (x1, x2) like a training run: for each "epoch" it
 * reports an intermediate value that converges to branin(x1, x2) (value(e) = f + 20 / 2^e,
 * so the curves of two configurations keep their final order at every epoch), sleeping
 * a few milliseconds per epoch, and ends early when the manager stops the job.
 *
 * Epochs: the job's fidelity when it has one, else 8. Milliseconds per epoch: the
 * environment variable HPS_BRANIN_SLEEP_MS (default 3).
 */
#define _POSIX_C_SOURCE 200809L /* nanosleep */

#include "hpsearch/eval/hpsearch_plugin.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double branin(double x1, double x2) {
  const double pi = 3.14159265358979323846;
  const double b = 5.1 / (4.0 * pi * pi);
  const double c = 5.0 / pi;
  const double t = 1.0 / (8.0 * pi);
  const double a = x2 - b * x1 * x1 + c * x1 - 6.0;
  return a * a + 10.0 * (1.0 - t) * cos(x1) + 10.0;
}

/* Finds "name": <number> in a flat JSON object; returns 0 when absent or not a number. */
static int json_number(const char* json, const char* name, double* out) {
  char key[128];
  if (snprintf(key, sizeof key, "\"%s\"", name) >= (int)sizeof key) return 0;
  const char* at = strstr(json, key);
  if (at == NULL) return 0;
  at = strchr(at + strlen(key), ':');
  if (at == NULL) return 0;
  char* end = NULL;
  errno = 0;
  *out = strtod(at + 1, &end);
  return end != at + 1 && errno == 0;
}

static void sleep_ms(long ms) {
  struct timespec ts;
  ts.tv_sec = ms / 1000;
  ts.tv_nsec = (ms % 1000) * 1000000L;
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
}

int hps_plugin_abi_version(void) {
  return HPS_PLUGIN_ABI_VERSION;
}

int hps_evaluate(const char* config_json, hps_reporter* reporter, double* objective, char* message,
                 size_t message_size) {
  double x1 = 0.0;
  double x2 = 0.0;
  if (!json_number(config_json, "x1", &x1) || !json_number(config_json, "x2", &x2)) {
    snprintf(message, message_size, "branin_plugin needs numeric parameters x1 and x2, got %s",
             config_json);
    return HPS_FAILED;
  }
  const double f = branin(x1, x2);
  const double fidelity = hps_job_fidelity(reporter);
  const int epochs = fidelity >= 1.0 ? (int)fidelity : 8;
  const char* sleep_env = getenv("HPS_BRANIN_SLEEP_MS");
  const long ms = sleep_env != NULL ? strtol(sleep_env, NULL, 10) : 3;
  for (int epoch = 1; epoch <= epochs; ++epoch) {
    if (ms > 0) sleep_ms(ms);
    const double value = epoch == epochs ? f : f + 20.0 / ldexp(1.0, epoch);
    /* A stop that arrives with the last epoch is moot: the result is complete. */
    if (hps_report(reporter, (double)epoch, value) && epoch < epochs) {
      *objective = value;
      return HPS_STOPPED;
    }
  }
  *objective = f;
  return HPS_OK;
}
