#pragma once
/* A C interface to the engine, for the browser (WebAssembly) and any other host: create a run from a scenario,
   advance it, change settings, read outputs. Functions returning int give 0 on success; on failure the message is
   in kenshu_sim_last_error. Strings returned stay valid until the next call on the same run. */
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kenshu_sim kenshu_sim;

/* scenario_json may be NULL or "" for the default patient. Returns NULL on a bad scenario; see
   kenshu_sim_create_error. */
kenshu_sim* kenshu_sim_create(const char* scenario_json, uint64_t seed);
const char* kenshu_sim_create_error(void);
void kenshu_sim_destroy(kenshu_sim* sim);

int kenshu_sim_advance(kenshu_sim* sim, double seconds);
double kenshu_sim_time(const kenshu_sim* sim);
double kenshu_sim_step_seconds(void);

/* Advances `steps` fixed steps and writes 5 values per step into out (capacity 5·steps): airway pressure
   (cmH2O), flow (L/min), volume (mL), capnogram PCO2 (mmHg), arterial pressure (mmHg). For drawing waveforms. */
int kenshu_sim_step_waveforms(kenshu_sim* sim, int steps, double* out);

/* A parameter or setting ("vent.peep_cmH2O", "ecmo.mode" = "VV") or a fault ("fault.pump_failure" = "1"),
   as the trainee. */
int kenshu_sim_set(kenshu_sim* sim, const char* name, const char* value);
int kenshu_sim_intervene(kenshu_sim* sim, const char* action);

double kenshu_sim_get(const kenshu_sim* sim, const char* output); /* NaN for an unknown output */
int kenshu_sim_output_count(void);
const char* kenshu_sim_output_name(int index);
double kenshu_sim_get_index(const kenshu_sim* sim, int index);
uint32_t kenshu_sim_alarms(const kenshu_sim* sim);
const char* kenshu_sim_alarm_name(int bit);

const char* kenshu_sim_state_json(kenshu_sim* sim);
const char* kenshu_sim_log_json(kenshu_sim* sim);
const char* kenshu_sim_score_json(kenshu_sim* sim);
const char* kenshu_sim_last_error(const kenshu_sim* sim);

#ifdef __cplusplus
}
#endif
