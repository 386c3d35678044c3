"""The simulator's command line, as a user runs it: `kenshu sim validate` passes every published check point,
`kenshu sim run --json` prints the documented keys, `--set` changes the run and rejects unknown names, `--trace`
writes the same bytes for the same scenario and seed. Educational simulator, not a medical device."""
import csv
import json
import os
import subprocess
import tempfile
import unittest

KENSHU_BIN = os.environ["KENSHU_BIN"]
SOURCE_DIR = os.environ.get("KENSHU_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
SCENARIOS = os.path.join(SOURCE_DIR, "data", "scenarios")

REQUIRED_KEYS = ["PaO2_mmHg", "PaCO2_mmHg", "SaO2", "SpO2", "SvO2", "pH", "ecmo_flow_L_per_min",
                 "recirculation_fraction", "drainage_pressure_mmHg", "post_oxygenator_PO2_mmHg",
                 "peak_pressure_cmH2O", "plateau_pressure_cmH2O", "total_PEEP_cmH2O", "tidal_volume_mL"]


def kenshu(*args, check=True):
    result = subprocess.run([KENSHU_BIN, "sim", *args], capture_output=True, text=True, timeout=300,
                            env={**os.environ, "KENSHU_SOURCE_DIR": SOURCE_DIR})
    if check and result.returncode != 0:
        raise AssertionError(f"kenshu sim {' '.join(args)} failed ({result.returncode}): {result.stderr}")
    return result


def scenario(name):
    return os.path.join(SCENARIOS, name + ".json")


class SimValidate(unittest.TestCase):
    def test_every_check_point_is_within_its_published_range(self):
        out = json.loads(kenshu("validate", "--json").stdout)
        self.assertTrue(out["pass"], [c for c in out["checks"] if not c["pass"]])
        self.assertGreaterEqual(len(out["checks"]), 20)
        ids = {c["id"] for c in out["checks"]}
        self.assertTrue({"severinghaus_P50", "healthy_PaO2", "vv_messai_mixing"} <= ids)

    def test_table_names_each_check_and_fails_on_an_out_of_range_file(self):
        table = kenshu("validate").stdout
        self.assertIn("severinghaus_P50", table)
        self.assertIn("all within range", table)
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump({"checks": [{"id": "impossible", "function": "haemoglobin_saturation",
                                   "arguments": {"PO2_mmHg": 100}, "min": 0.5, "max": 0.6}]}, f)
        try:
            result = kenshu("validate", "--file", f.name, check=False)
            self.assertEqual(result.returncode, 1)
            self.assertIn("FAIL", result.stdout)
        finally:
            os.unlink(f.name)


class SimRun(unittest.TestCase):
    def test_json_has_the_documented_keys(self):
        out = json.loads(kenshu("run", scenario("vv_ecmo_baseline"), "--duration-s", "60", "--json").stdout)
        for key in REQUIRED_KEYS:
            self.assertIn(key, out)
            self.assertIsInstance(out[key], (int, float))
        self.assertEqual(out["scenario"], "vv_ecmo_baseline")
        self.assertGreater(out["ecmo_flow_L_per_min"], 3.0)
        self.assertGreater(out["post_oxygenator_PO2_mmHg"], 300.0)
        self.assertIn("score", out)
        self.assertIn("log", out)

    def test_set_changes_the_run(self):
        base = json.loads(kenshu("run", scenario("vv_ecmo_baseline"), "--duration-s", "30", "--json").stdout)
        slower = json.loads(kenshu("run", scenario("vv_ecmo_baseline"), "--duration-s", "30", "--json",
                                   "--set", "ecmo.pump_speed_rpm=2400").stdout)
        self.assertLess(slower["ecmo_flow_L_per_min"], base["ecmo_flow_L_per_min"] - 0.5)
        self.assertGreater(slower["drainage_pressure_mmHg"], base["drainage_pressure_mmHg"])
        faulty = json.loads(kenshu("run", scenario("healthy_ventilated"), "--duration-s", "30", "--json",
                                   "--set", "vent.mode=VC-CMV", "--set", "fault.tube_kink=1").stdout)
        self.assertIn("high_airway_pressure", faulty["alarms"])

    def test_bad_names_and_values_are_refused(self):
        for setting in ["vent.no_such_thing=1", "vent.peep_cmH2O=99", "vent.mode=HFOV", "fault.gremlins=1", "peep"]:
            result = kenshu("run", scenario("healthy_ventilated"), "--duration-s", "5", "--set", setting, check=False)
            self.assertNotEqual(result.returncode, 0, setting)
            self.assertIn("kenshu sim:", result.stderr, setting)

    def test_trace_is_identical_for_the_same_scenario_and_seed(self):
        with tempfile.TemporaryDirectory() as tmp:
            paths = [os.path.join(tmp, f"{i}.csv") for i in range(3)]
            for path, seed in zip(paths, ["3", "3", "4"]):
                kenshu("run", scenario("vent_asynchrony"), "--duration-s", "120", "--seed", seed, "--trace", path)
            with open(paths[0], "rb") as a, open(paths[1], "rb") as b, open(paths[2], "rb") as c:
                first, second, other = a.read(), b.read(), c.read()
            self.assertEqual(first, second)
            self.assertNotEqual(first, other)
            with open(paths[0], newline="") as f:
                rows = list(csv.DictReader(f))
            self.assertEqual(len(rows), 1201)  # t = 0 and every 0.1 s
            self.assertIn("airway_pressure_cmH2O", rows[0])

    def test_every_scenario_runs(self):
        names = sorted(n[:-5] for n in os.listdir(SCENARIOS) if n.endswith(".json"))
        self.assertGreaterEqual(len(names), 18)
        for name in names:
            out = json.loads(kenshu("run", scenario(name), "--json").stdout)
            self.assertEqual(out["scenario"], name)
            self.assertGreater(out["score"]["max_points"], 0, name)

    def test_list_names_every_parameter_fault_and_output(self):
        text = kenshu("list").stdout
        for name in ["vent.peep_cmH2O", "ecmo.sweep_gas_flow_L_per_min", "fault.pump_failure", "clamp_circuit", "SpO2"]:
            self.assertIn(name, text)


if __name__ == "__main__":
    unittest.main()
