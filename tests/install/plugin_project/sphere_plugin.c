/* A plugin built outside hpsearch's tree: the objective is x^2 + y^2 + 1, read from the
 * configuration JSON {"x": <number>, "y": <number>}. */
#include "hpsearch/eval/hpsearch_plugin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int hps_plugin_abi_version(void) {
  return HPS_PLUGIN_ABI_VERSION;
}

static int number_after(const char* json, const char* key, double* out) {
  const char* at = strstr(json, key);
  if (at == NULL) return 0;
  at = strchr(at + strlen(key), ':');
  if (at == NULL) return 0;
  *out = strtod(at + 1, NULL);
  return 1;
}

int hps_evaluate(const char* config_json, hps_reporter* reporter, double* objective, char* message,
                 size_t message_size) {
  double x = 0.0, y = 0.0;
  (void)reporter;
  if (!number_after(config_json, "\"x\"", &x) || !number_after(config_json, "\"y\"", &y)) {
    snprintf(message, message_size, "no x or y in %s", config_json);
    return HPS_FAILED;
  }
  *objective = x * x + y * y + 1.0;
  return HPS_OK;
}
