// `bench sim`, the browser half: simulated seconds per wall second of the engine built to WebAssembly
// (scripts/build-sim-wasm → web/public/sim), run in Debian's headless Chromium through playwright-core, for the
// same patient as bench/sim_bench.cpp (PC-CMV with spontaneous efforts + VV-ECMO). Prints one JSON object on
// stdout: {"wasm_rtf": median, "wasm_rtf_min", "wasm_rtf_max", "wasm_bytes", "chromium"}. bench/sim.py runs it.
import { createServer } from 'node:http'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, extname, join, normalize, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const simDir = join(root, 'web', 'public', 'sim')
const playwright = join(root, 'tests', 'e2e', 'node_modules', 'playwright-core', 'index.mjs')

function fail(message) {
  console.error(`bench sim: error: ${message}`)
  process.exit(1)
}
if (!existsSync(join(simDir, 'kenshu_sim.wasm'))) fail(`${simDir}/kenshu_sim.wasm missing: run scripts/build-sim-wasm`)
if (!existsSync(playwright)) fail('playwright-core missing: run scripts/bootstrap (npm ci in tests/e2e)')
const { chromium } = await import(pathToFileURL(playwright).href)

// The same patient and settings as full_patient() in bench/sim_bench.cpp, as a scenario.
const scenario = {
  id: 'bench_full_patient',
  patient: { shunt_fraction: 0.7, compliance_L_per_cmH2O: 0.015, spontaneous_rate_per_min: 8, muscle_pressure_cmH2O: 3 },
  vent: { mode: 'PC-CMV', peep_cmH2O: 10, rate_per_min: 10 },
  ecmo: { mode: 'VV', pump_speed_rpm: 3200 },
}

const types = { '.mjs': 'text/javascript', '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' }
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname))
  if (path === '/') {
    res.writeHead(200, { 'content-type': 'text/html' })
    res.end('<!doctype html><title>bench sim</title>')
    return
  }
  const file = join(simDir, path)
  if (!file.startsWith(simDir) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404)
    res.end()
    return
  }
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' })
  res.end(readFileSync(file))
})
await new Promise((r) => server.listen(0, '127.0.0.1', r))
const url = `http://127.0.0.1:${server.address().port}/`

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  headless: true,
})
try {
  const page = await browser.newPage()
  await page.goto(url)
  const result = await page.evaluate(async (scenarioJson) => {
    const m = await (await import('/kenshu_sim.mjs')).default()
    const handle = m.ccall('kenshu_sim_create', 'number', ['string', 'number'], [scenarioJson, 1])
    if (!handle) throw new Error(m.ccall('kenshu_sim_create_error', 'string', [], []))
    const advance = m.cwrap('kenshu_sim_advance', 'number', ['number', 'number'])
    const rtf = (simulated) => {
      const started = performance.now()
      advance(handle, simulated)
      return simulated / ((performance.now() - started) / 1000)
    }
    rtf(60) // warm-up: the engine settles and the JIT tiers up
    const runs = []
    for (let i = 0; i < 5; i++) runs.push(rtf(600))
    const check = ['ecmo_flow_L_per_min', 'SaO2', 'PaCO2_mmHg'].map((n) => [n, m.ccall('kenshu_sim_get', 'number', ['number', 'string'], [handle, n])])
    m.ccall('kenshu_sim_destroy', null, ['number'], [handle])
    runs.sort((a, b) => a - b)
    return { runs, check: Object.fromEntries(check) }
  }, JSON.stringify(scenario))
  const runs = result.runs
  console.log(
    JSON.stringify({
      wasm_rtf: runs[Math.floor(runs.length / 2)],
      wasm_rtf_min: runs[0],
      wasm_rtf_max: runs[runs.length - 1],
      wasm_bytes: statSync(join(simDir, 'kenshu_sim.wasm')).size,
      chromium: browser.version(),
      final_state: result.check,
    }),
  )
} finally {
  await browser.close()
  server.close()
}
