// Shared by the end-to-end tests: a real SMTP sink, the real kenshu server on a free port, Debian's Chromium
// driven by playwright-core, and a small step runner that prints what passed and exits non-zero on failure.
//
// Environment: KENSHU_BIN (the kenshu binary; default build/release/src/kenshu) and KENSHU_SOURCE_DIR (the checkout;
// default two folders up). Screenshots go to tests/e2e/artifacts/. A test that moves time gives the server a clock
// file (testClock, passed to startServer through `env`).
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, existsSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const here = dirname(fileURLToPath(import.meta.url))
export const SOURCE_DIR = resolve(process.env.KENSHU_SOURCE_DIR ?? join(here, '..', '..', '..'))
export const KENSHU_BIN = resolve(
  process.env.KENSHU_BIN ??
    [join(SOURCE_DIR, 'build', 'release', 'src', 'kenshu'), join(SOURCE_DIR, 'build', 'release', 'kenshu')].find((p) =>
      existsSync(p),
    ) ??
    join(SOURCE_DIR, 'build', 'release', 'src', 'kenshu'),
)
export const ARTIFACTS = join(SOURCE_DIR, 'tests', 'e2e', 'artifacts')

const children = new Set()
const cleanups = []

/** Starts a process and resolves once a line of its stdout matches `ready` (with the match). */
function startProcess(command, args, { ready, cwd, env, label, timeoutMs = 30_000 }) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, env: env ? { ...process.env, ...env } : process.env, stdio: ['ignore', 'pipe', 'pipe'] })
    children.add(child)
    let out = ''
    let err = ''
    const timer = setTimeout(() => fail(new Error(`${label}: not ready after ${timeoutMs} ms`)), timeoutMs)
    function fail(e) {
      clearTimeout(timer)
      child.kill('SIGKILL')
      reject(new Error(`${e.message}\n--- ${label} stdout ---\n${out}\n--- ${label} stderr ---\n${err}`))
    }
    child.stdout.setEncoding('utf8')
    child.stderr.setEncoding('utf8')
    child.stdout.on('data', (chunk) => {
      out += chunk
      const m = ready.exec(out)
      if (m) {
        clearTimeout(timer)
        resolvePromise({ child, match: m, output: () => ({ out, err }) })
      }
    })
    child.stderr.on('data', (chunk) => {
      err += chunk
      if (process.env.E2E_VERBOSE) process.stderr.write(`[${label}] ${chunk}`)
    })
    child.on('error', fail)
    child.on('exit', (code, signal) => {
      children.delete(child)
      if (!ready.exec(out)) fail(new Error(`${label}: exited (${code ?? signal}) before it was ready`))
    })
  })
}

function stopProcess(child, signal = 'SIGTERM', graceMs = 10_000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
    child.once('exit', () => {
      clearTimeout(timer)
      done()
    })
    child.kill(signal)
  })
}

/** A fresh temporary folder, removed at the end of the run. */
export function tempDir(prefix = 'kenshu-e2e-') {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** tests/support/smtp_sink.py on a free port, writing each message to DIR/NNNN.eml. */
export async function startSmtpSink(dir = tempDir('kenshu-mail-')) {
  const { child, match } = await startProcess('/usr/bin/python3', [join(SOURCE_DIR, 'tests', 'support', 'smtp_sink.py'), dir], {
    ready: /smtp sink on (127\.0\.0\.1):(\d+)/,
    label: 'smtp sink',
  })
  const sink = { dir, host: match[1], port: Number(match[2]), url: `smtp://${match[1]}:${match[2]}`, stop: () => stopProcess(child) }
  cleanups.push(sink.stop)
  return sink
}

/**
 * The server's test clock (KENSHU_CLOCK_FILE, read by the server on every call): empty at first, which the server
 * takes as real time; `set(ms)` stops its time at that instant (written atomically), `now()` is the server's time.
 * Give `clock.env` to startServer.
 */
export function testClock() {
  const file = join(tempDir('kenshu-clock-'), 'clock')
  writeFileSync(file, '')
  let at = null
  return {
    file,
    env: { KENSHU_CLOCK_FILE: file },
    now: () => at ?? Date.now(),
    set(ms) {
      at = ms
      writeFileSync(`${file}.tmp`, `${new Date(ms).toISOString().replace(/\.\d+Z$/, '+00:00')}\n`)
      renameSync(`${file}.tmp`, file)
    },
  }
}

/**
 * The real server on port 0 with a fresh database; resolves with its base URL once it listens. `env` is added to
 * the server's environment (e.g. a test clock's).
 */
export async function startServer({ smtpUrl, demo = true, args = [], env } = {}) {
  if (!existsSync(KENSHU_BIN)) throw new Error(`kenshu binary not found at ${KENSHU_BIN} (set KENSHU_BIN)`)
  const webRoot = join(SOURCE_DIR, 'web', 'dist')
  if (!existsSync(join(webRoot, 'index.html'))) throw new Error(`${webRoot}/index.html missing: run scripts/build-web`)
  const dir = tempDir('kenshu-server-')
  const full = [
    'serve',
    '--config', join(SOURCE_DIR, 'config', 'kenshu.toml'),
    '--port', '0',
    '--db', join(dir, 'kenshu.db'),
    '--web-root', webRoot,
    '--mail-dir', join(dir, 'mail'),
    ...(smtpUrl ? ['--smtp-url', smtpUrl] : []),
    ...(demo ? ['--demo'] : []),
    ...args,
  ]
  const { child, match, output } = await startProcess(KENSHU_BIN, full, {
    cwd: SOURCE_DIR,
    env,
    ready: /listening on (http:\/\/[^\s]+?)\/?\s/,
    label: 'kenshu',
  })
  const server = { url: match[1], dir, output, stop: () => stopProcess(child) }
  cleanups.push(server.stop)
  return server
}

// ---------- mail ----------

function decodeWords(s) {
  return s.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=(\s+(?==\?))?/g, (_, charset, enc, text) => {
    const bytes = enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, h) => String.fromCharCode(parseInt(h, 16))), 'latin1')
    return new TextDecoder(charset).decode(bytes)
  })
}

function parseHeaders(block) {
  const headers = {}
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':')
    if (i <= 0) continue
    const value = Buffer.from(line.slice(i + 1).trim(), 'latin1').toString('utf8') // 8-bit headers are UTF-8
    headers[line.slice(0, i).trim().toLowerCase()] = decodeWords(value)
  }
  return headers
}

function decodeBody(raw, headers) {
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase()
  const charset = /charset="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1] ?? 'utf-8'
  let bytes
  if (encoding === 'base64') bytes = Buffer.from(raw.replace(/\s+/g, ''), 'base64')
  else if (encoding === 'quoted-printable') {
    bytes = Buffer.from(
      raw.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_m, h) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    )
  } else bytes = Buffer.from(raw, 'latin1')
  return new TextDecoder(charset).decode(bytes)
}

/** Every text part of a MIME entity, decoded. */
function textParts(raw) {
  const split = raw.search(/\r?\n\r?\n/)
  const headers = parseHeaders(split < 0 ? raw : raw.slice(0, split))
  const body = split < 0 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '')
  const type = headers['content-type'] ?? 'text/plain'
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1]
  if (/^multipart\//i.test(type) && boundary) {
    const parts = body.split(`--${boundary}`).slice(1)
    return parts.filter((p) => !p.startsWith('--')).flatMap((p) => textParts(p.replace(/^\r?\n/, '')))
  }
  return /^text\//i.test(type) ? [{ type, text: decodeBody(body, headers) }] : []
}

/** A message as the sink saved it: envelope recipients, headers, and its text. */
export function parseMail(raw) {
  const split = raw.search(/\r?\n\r?\n/)
  const headers = parseHeaders(raw.slice(0, split))
  const parts = textParts(raw)
  const plain = parts.find((p) => /^text\/plain/i.test(p.type)) ?? parts[0]
  return {
    to: headers['x-envelope-to'] ?? headers.to ?? '',
    subject: headers.subject ?? '',
    headers,
    text: plain?.text ?? '',
    parts,
  }
}

export function readMails(dir) {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((f) => ({ file: f, ...parseMail(readFileSync(join(dir, f), 'latin1')) }))
}

/** Waits until a mail matching `predicate` arrives in the sink's folder. */
export async function waitForMail(dir, predicate, { timeoutMs = 20_000 } = {}) {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    const found = readMails(dir).find(predicate)
    if (found) return found
    await new Promise((r) => setTimeout(r, 200))
  }
  const seen = readMails(dir).map((m) => `${m.file} to=${m.to} subject=${m.subject}`).join('\n')
  throw new Error(`no matching mail within ${timeoutMs} ms; mails seen:\n${seen || '(none)'}`)
}

// ---------- browser ----------

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/** Debian's Chromium. playwright-core gives every launch a fresh temporary user-data-dir of its own. */
export async function launchBrowser() {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true })
  cleanups.push(() => browser.close())
  return browser
}

/**
 * Collects what must never happen on a page: console errors, uncaught exceptions, CSP violations, server errors.
 * `allow(regex)` lets through, once, an error a test provokes on purpose.
 */
export function watchPage(page, problems) {
  const allowed = []
  page.on('console', (msg) => {
    if (msg.type() !== 'error' && !/Content.Security.Policy/i.test(msg.text())) return
    const i = allowed.findIndex((re) => re.test(msg.text()))
    if (i >= 0) allowed.splice(i, 1)
    else problems.push(`console ${msg.type()}: ${msg.text()} (${page.url()})`)
  })
  page.on('pageerror', (e) => problems.push(`page error: ${e.message} (${page.url()})`))
  page.on('response', (r) => {
    if (r.status() >= 500) problems.push(`HTTP ${r.status()} for ${r.request().method()} ${r.url()}`)
  })
  page.exposeBinding('__cspViolation', (_src, text) => problems.push(`CSP violation: ${text} (${page.url()})`))
  page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`)
    })
  })
  return { allow: (re) => allowed.push(re) }
}

export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true })
  const path = join(ARTIFACTS, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  return path
}

// ---------- running ----------

const results = []

export function assert(condition, message) {
  if (!condition) throw new Error(`assertion failed: ${message}`)
}

export function assertEqual(actual, expected, message) {
  if (actual !== expected) throw new Error(`${message}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`)
}

/** Runs one named step; a failed step fails the run, and later steps are skipped. */
export async function step(name, fn) {
  if (results.some((r) => !r.ok)) {
    results.push({ name, ok: null })
    console.log(`skip - ${name}`)
    return undefined
  }
  const started = Date.now()
  try {
    const value = await fn()
    results.push({ name, ok: true })
    console.log(`ok - ${name} (${Date.now() - started} ms)`)
    return value
  } catch (e) {
    results.push({ name, ok: false })
    console.log(`not ok - ${name}\n  ${String(e?.stack ?? e).replace(/\n/g, '\n  ')}`)
    return undefined
  }
}

async function cleanup() {
  for (const fn of cleanups.reverse()) {
    try {
      await fn()
    } catch {
      // best effort: keep cleaning
    }
  }
  for (const child of children) child.kill('SIGKILL')
}

/** Runs the test body with an overall time limit, cleans up, prints the tally and exits 0 only if all passed. */
export async function run(body, { timeoutMs = 600_000 } = {}) {
  const guard = setTimeout(async () => {
    console.log(`not ok - the whole test took longer than ${timeoutMs} ms`)
    await cleanup()
    process.exit(1)
  }, timeoutMs)
  try {
    await body()
  } catch (e) {
    results.push({ name: 'setup', ok: false })
    console.log(`not ok - ${String(e?.stack ?? e)}`)
  }
  clearTimeout(guard)
  await cleanup()
  const passed = results.filter((r) => r.ok === true).length
  const failed = results.filter((r) => r.ok !== true).length
  console.log(`${passed} passed, ${failed} failed`)
  process.exit(failed === 0 && passed > 0 ? 0 : 1)
}
