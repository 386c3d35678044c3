// Scrolling waveforms and loops on canvas. A ring buffer holds the last `seconds` of samples per channel; each
// animation frame redraws the traces (sweep display: a moving gap, as on a ventilator screen) and the loops of
// the current breath.

/**
 * Sizes the canvas's backing store to its CSS box and the screen's pixel ratio (sharp lines on a phone) and
 * returns a context that draws in CSS pixels.
 */
function surface(canvas: HTMLCanvasElement): { ctx: CanvasRenderingContext2D; width: number; height: number } | null {
  const ctx = canvas.getContext('2d')
  if (!ctx) return null
  const ratio = window.devicePixelRatio || 1
  const width = canvas.clientWidth || 300
  const height = canvas.clientHeight || 150
  const w = Math.round(width * ratio)
  const h = Math.round(height * ratio)
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w
    canvas.height = h
  }
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0)
  return { ctx, width, height }
}

export interface Channel {
  label: string
  min: number
  max: number
  colour: string
}

export class SweepTrace {
  readonly samples: Float64Array[]
  private cursor = 0

  constructor(
    readonly channels: Channel[],
    readonly capacity: number,
  ) {
    this.samples = channels.map(() => new Float64Array(capacity).fill(NaN))
  }

  push(values: number[]): void {
    this.samples.forEach((channel, c) => {
      channel[this.cursor] = values[c] ?? NaN
    })
    this.cursor = (this.cursor + 1) % this.capacity
  }

  clear(): void {
    for (const channel of this.samples) channel.fill(NaN)
    this.cursor = 0
  }

  draw(canvas: HTMLCanvasElement): void {
    const drawing = surface(canvas)
    if (!drawing) return
    const { ctx, width, height } = drawing
    ctx.fillStyle = '#0b1220'
    ctx.fillRect(0, 0, width, height)
    const band = height / this.channels.length
    ctx.font = '12px sans-serif'
    this.channels.forEach((channel, c) => {
      const data = this.samples[c] ?? new Float64Array(0)
      const top = c * band
      const y = (v: number) => top + band - 4 - ((v - channel.min) / (channel.max - channel.min)) * (band - 8)
      ctx.strokeStyle = '#1e293b'
      ctx.beginPath()
      ctx.moveTo(0, y(0))
      ctx.lineTo(width, y(0))
      ctx.stroke()
      ctx.fillStyle = channel.colour
      ctx.fillText(channel.label, 6, top + 14)
      ctx.strokeStyle = channel.colour
      ctx.lineWidth = 2
      ctx.beginPath()
      let pen = false
      for (let i = 0; i < this.capacity; i++) {
        const v = data[i] ?? NaN
        const gap = (i - this.cursor + this.capacity) % this.capacity < this.capacity / 50
        if (Number.isNaN(v) || gap) {
          pen = false
          continue
        }
        const x = (i / this.capacity) * width
        const yy = Math.max(top, Math.min(top + band, y(v)))
        if (pen) ctx.lineTo(x, yy)
        else ctx.moveTo(x, yy)
        pen = true
      }
      ctx.stroke()
    })
  }
}

/** A loop (x against y) of the last breath or so. */
export class Loop {
  private readonly xs: Float64Array
  private readonly ys: Float64Array
  private cursor = 0
  private count = 0

  constructor(
    readonly capacity: number,
    readonly x: Channel,
    readonly y: Channel,
  ) {
    this.xs = new Float64Array(capacity)
    this.ys = new Float64Array(capacity)
  }

  push(x: number, y: number): void {
    this.xs[this.cursor] = x
    this.ys[this.cursor] = y
    this.cursor = (this.cursor + 1) % this.capacity
    this.count = Math.min(this.count + 1, this.capacity)
  }

  clear(): void {
    this.cursor = 0
    this.count = 0
  }

  draw(canvas: HTMLCanvasElement, title: string): void {
    const drawing = surface(canvas)
    if (!drawing) return
    const { ctx, width: w, height: h } = drawing
    ctx.fillStyle = '#0b1220'
    ctx.fillRect(0, 0, w, h)
    const px = (v: number) => 8 + ((v - this.x.min) / (this.x.max - this.x.min)) * (w - 16)
    const py = (v: number) => h - 8 - ((v - this.y.min) / (this.y.max - this.y.min)) * (h - 24)
    ctx.strokeStyle = '#334155'
    ctx.beginPath()
    ctx.moveTo(px(this.x.min), py(0))
    ctx.lineTo(px(this.x.max), py(0))
    ctx.moveTo(px(0), py(this.y.min))
    ctx.lineTo(px(0), py(this.y.max))
    ctx.stroke()
    ctx.fillStyle = '#e2e8f0'
    ctx.font = '12px sans-serif'
    ctx.fillText(`${title} (${this.x.label} / ${this.y.label})`, 6, 14)
    ctx.strokeStyle = this.y.colour
    ctx.lineWidth = 2
    ctx.beginPath()
    for (let k = 0; k < this.count; k++) {
      const i = (this.cursor - this.count + k + this.capacity) % this.capacity
      const x = px(this.xs[i] ?? 0)
      const y = py(this.ys[i] ?? 0)
      if (k === 0) ctx.moveTo(x, y)
      else ctx.lineTo(x, y)
    }
    ctx.stroke()
  }
}
