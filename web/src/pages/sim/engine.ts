// The simulator engine compiled to WebAssembly (scripts/build-sim-wasm → /sim/kenshu_sim.mjs + .wasm), wrapped in
// a small typed class. The module is loaded at run time from the public folder, not bundled, so that the SPA builds
// without emscripten and the engine is cached by the browser for offline use.

interface EmscriptenModule {
  ccall: (name: string, ret: string | null, args: string[], values: unknown[]) => unknown
  cwrap: (name: string, ret: string | null, args: string[]) => (...a: unknown[]) => unknown
  UTF8ToString: (ptr: number) => string
  HEAPF64: Float64Array
  _malloc: (bytes: number) => number
  _free: (ptr: number) => void
}

type Factory = (options?: Record<string, unknown>) => Promise<EmscriptenModule>

let modulePromise: Promise<EmscriptenModule> | null = null

export function engineBase(): string {
  return `${import.meta.env.BASE_URL}sim/`
}

export function loadEngineModule(): Promise<EmscriptenModule> {
  if (!modulePromise) {
    const url = `${engineBase()}kenshu_sim.mjs`
    modulePromise = import(/* @vite-ignore */ url).then((m: { default: Factory }) => m.default())
    modulePromise.catch(() => {
      modulePromise = null
    })
  }
  return modulePromise
}

/** Samples per step written by kenshu_sim_step_waveforms: Paw, flow, volume, CO2, arterial pressure. */
export const WAVE_CHANNELS = 5
export const STEP_S = 0.005

export interface ScoreItem {
  id: string
  done: boolean
  time_s: number | null
  points: number
  max_points: number
  text: { ja: string; en: string }
}
export interface Score {
  scenario: string
  points: number
  max_points: number
  actions: ScoreItem[]
  outcome: ScoreItem[]
  events: { id: string; time_s: number; message: { ja: string; en: string } }[]
  debrief: { ja: string; en: string }
}
export interface LogEntry {
  time_s: number
  kind: string
  name: string
  value: string
  by: 'trainee' | 'scenario'
}

export class SimEngine {
  private handle: number
  private buffer = 0
  private bufferSteps = 0
  private readonly outputs = new Map<string, number>()

  private constructor(
    private readonly m: EmscriptenModule,
    handle: number,
  ) {
    this.handle = handle
    const count = m.ccall('kenshu_sim_output_count', 'number', [], []) as number
    for (let i = 0; i < count; i++) {
      this.outputs.set(m.ccall('kenshu_sim_output_name', 'string', ['number'], [i]) as string, i)
    }
  }

  static async create(scenarioJson: string, seed = 0): Promise<SimEngine> {
    const m = await loadEngineModule()
    const handle = m.ccall('kenshu_sim_create', 'number', ['string', 'number'], [scenarioJson, seed]) as number
    if (!handle) throw new Error(m.ccall('kenshu_sim_create_error', 'string', [], []) as string)
    return new SimEngine(m, handle)
  }

  destroy(): void {
    if (this.buffer) this.m._free(this.buffer)
    if (this.handle) this.m.ccall('kenshu_sim_destroy', null, ['number'], [this.handle])
    this.handle = 0
    this.buffer = 0
  }

  /** Advances `steps` fixed steps and returns their waveform samples (a view valid until the next call). */
  stepWaveforms(steps: number): Float64Array {
    if (steps > this.bufferSteps) {
      if (this.buffer) this.m._free(this.buffer)
      this.bufferSteps = Math.max(steps, 64)
      this.buffer = this.m._malloc(this.bufferSteps * WAVE_CHANNELS * 8)
    }
    this.m.ccall('kenshu_sim_step_waveforms', 'number', ['number', 'number', 'number'], [this.handle, steps, this.buffer])
    const start = this.buffer / 8
    return this.m.HEAPF64.subarray(start, start + steps * WAVE_CHANNELS)
  }

  advance(seconds: number): void {
    this.m.ccall('kenshu_sim_advance', 'number', ['number', 'number'], [this.handle, seconds])
  }

  time(): number {
    return this.m.ccall('kenshu_sim_time', 'number', ['number'], [this.handle]) as number
  }

  get(output: string): number {
    const index = this.outputs.get(output)
    if (index === undefined) return NaN
    return this.m.ccall('kenshu_sim_get_index', 'number', ['number', 'number'], [this.handle, index]) as number
  }

  /** Sets a parameter or setting as the trainee; returns an error message or ''. */
  set(name: string, value: string): string {
    const rc = this.m.ccall('kenshu_sim_set', 'number', ['number', 'string', 'string'], [this.handle, name, value])
    return rc === 0 ? '' : this.lastError()
  }

  intervene(action: string): string {
    const rc = this.m.ccall('kenshu_sim_intervene', 'number', ['number', 'string'], [this.handle, action])
    return rc === 0 ? '' : this.lastError()
  }

  alarms(): string[] {
    const bits = this.m.ccall('kenshu_sim_alarms', 'number', ['number'], [this.handle]) as number
    const names: string[] = []
    for (let bit = 0; bit < 32; bit++) {
      if (bits & (1 << bit)) names.push(this.m.ccall('kenshu_sim_alarm_name', 'string', ['number'], [bit]) as string)
    }
    return names
  }

  score(): Score {
    return JSON.parse(this.m.ccall('kenshu_sim_score_json', 'string', ['number'], [this.handle]) as string) as Score
  }

  log(): LogEntry[] {
    return JSON.parse(this.m.ccall('kenshu_sim_log_json', 'string', ['number'], [this.handle]) as string) as LogEntry[]
  }

  private lastError(): string {
    return this.m.ccall('kenshu_sim_last_error', 'string', ['number'], [this.handle]) as string
  }
}
