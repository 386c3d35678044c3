// Helpers of the browser tests that sign staff in: TOTP codes as an authenticator app computes them (RFC 6238),
// accounts created with `kenshu user add`, the set-up and sign-in pages, a team's application through the API.
import { spawnSync } from 'node:child_process'
import { createHmac, randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { KENSHU_BIN, SOURCE_DIR, assert, assertEqual, screenshot } from './harness.mjs'

export const SETUP_LINK = /\/admin\/setup#([A-Za-z0-9_-]+)/
export const PASSWORD = `kenshu-e2e-${Date.now().toString(36)}-Tsukuba!`

export function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let bits = ''
  for (const c of text.replace(/[\s=]/g, '').toUpperCase()) {
    const v = alphabet.indexOf(c)
    if (v < 0) throw new Error(`not base32: ${c}`)
    bits += v.toString(2).padStart(5, '0')
  }
  const bytes = []
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2))
  return Buffer.from(bytes)
}

export function totp(secret, counter) {
  const msg = Buffer.alloc(8)
  msg.writeBigUInt64BE(BigInt(counter))
  const h = createHmac('sha1', base32(secret)).update(msg).digest()
  const offset = h[h.length - 1] & 0xf
  const n = (h.readUInt32BE(offset) & 0x7fffffff) % 1_000_000
  return String(n).padStart(6, '0')
}

export const stepNow = () => Math.floor(Date.now() / 30_000)

/**
 * A code of a time step later than `used` (the server refuses a step already used), waiting for it if need be.
 * `at` (ms) is the server's time when its clock has been moved (testClock); a stopped clock cannot be waited for.
 */
export async function freshCode(secret, used = -1, at) {
  if (at !== undefined) {
    const counter = Math.floor(at / 30_000)
    assert(counter > used, `the server's clock has moved past the last code used (${counter} > ${used})`)
    return { code: totp(secret, counter), counter }
  }
  while (stepNow() <= used) await new Promise((r) => setTimeout(r, 500))
  const counter = stepNow()
  return { code: totp(secret, counter), counter }
}

export async function expectVisible(locator, what, timeout = 10_000) {
  await locator.first().waitFor({ state: 'visible', timeout }).catch(() => {
    throw new Error(`not visible: ${what}`)
  })
}

export async function expectLabelled(page) {
  const unlabelled = await page.$$eval('input, select, textarea', (els) =>
    els.filter((el) => el.type !== 'hidden' && (!el.labels || el.labels.length === 0)).map((el) => el.id || el.name),
  )
  assertEqual(unlabelled.join(','), '', 'inputs without a label')
}

export async function expectNoHorizontalScroll(page) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }))
  assert(scroll <= width, `page is wider (${scroll}px) than the viewport (${width}px)`)
}

export function userAdd(server, email, role) {
  const out = spawnSync(
    KENSHU_BIN,
    ['user', 'add', '--config', join(SOURCE_DIR, 'config', 'kenshu.toml'), '--db', join(server.dir, 'kenshu.db'), '--email', email, '--role', role],
    { cwd: SOURCE_DIR, encoding: 'utf8', timeout: 30_000, env: Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('KENSHU_'))) },
  )
  assertEqual(out.status, 0, `kenshu user add failed: ${out.stderr}`)
  const m = SETUP_LINK.exec(out.stdout)
  assert(m, `no set-up link in: ${out.stdout}`)
  return m[1]
}

export async function submitApplication(server, runId, hospitalName = '管理画面記念病院') {
  const program = await (await fetch(`${server.url}/api/program`)).json()
  const open = program.sessions.filter((s) => s.is_open)
  assert(open.length >= 2, 'two open sessions')
  const member = (profession, name, kana, i) => ({
    name, name_kana: kana, profession, department: 'ICU', years_of_experience: 5, email: `m${i}-${runId}@example.jp`,
  })
  const contact = `contact-${runId}@example.jp`
  const body = {
    hospital: {
      name: `${hospitalName} ${runId}`,
      name_kana: 'カンリガメンキネンビョウイン',
      prefecture_code: 13,
      postal_code: '100-0001',
      address: '千代田区千代田1-1',
      phone: '03-1234-5678',
      critical_care_center: 'advanced',
      advanced_treatment_hospital: true,
      ecmo_cases_last_year: { vv: 12, va: 30 },
    },
    contact: { name: '山田 太郎', name_kana: 'ヤマダ タロウ', department: '救急科', email: contact, phone: '03-1234-5679' },
    members: [
      member('doctor', '医師 一郎', 'イシ イチロウ', 0),
      member('nurse', '看護 花子', 'カンゴ ハナコ', 1),
      member('nurse', '看護 次郎', 'カンゴ ジロウ', 2),
      member('clinical_engineer', '工学 三郎', 'コウガク サブロウ', 3),
    ],
    preferences: { any_session: false, session_ids: [open[0].id, open[1].id] },
    consents: { privacy_notice_version: program.privacy_notice.version, no_recording: true },
  }
  const r = await fetch(`${server.url}/api/applications`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID(), Origin: server.url },
    body: JSON.stringify(body),
  })
  assertEqual(r.status, 201, `application submitted (${await r.clone().text()})`)
  return { ...(await r.json()), contact, session: open[0] }
}

/** Set-up from the link: password, QR, a code, recovery codes. Returns the secret and the step used. */
export async function setUp(page, url, token, shots) {
  await page.goto(`${url}/admin/setup#${token}`)
  await expectVisible(page.locator('[data-test=setup-form]'), 'set-up form')
  await expectVisible(page.locator('[data-test=totp-qr]'), 'QR code')
  const qrLoaded = await page.locator('[data-test=totp-qr]').evaluate((img) => img.complete && img.naturalWidth > 0)
  assert(qrLoaded, 'the QR code image is shown')
  await expectLabelled(page)
  const secret = await page.locator('[data-test=totp-secret]').getAttribute('data-secret')
  assert(secret && secret.length >= 16, 'TOTP secret shown')
  // Too short a password is refused on the field before anything is sent.
  await page.locator('#f-password').fill('short')
  await page.locator('#f-password_confirm').fill('short')
  await page.getByRole('button', { name: '設定を完了する' }).click()
  await expectVisible(page.locator('[data-test=form-alert]', { hasText: '13文字以上' }), 'short password refused')
  await page.locator('#f-password').fill(PASSWORD)
  await page.locator('#f-password_confirm').fill(PASSWORD)
  const { code, counter } = await freshCode(secret)
  await page.locator('#f-totp_code').fill(code)
  if (shots) await screenshot(page, shots)
  await page.getByRole('button', { name: '設定を完了する' }).click()
  await expectVisible(page.locator('[data-test=recovery-codes] li'), 'recovery codes')
  const codes = await page.locator('[data-test=recovery-codes] li').allTextContents()
  assert(codes.length >= 5, `recovery codes shown (${codes.length})`)
  return { secret, counter, codes }
}

/** Password, then a TOTP code (at the server's time `at` if its clock has been moved); returns the step used. */
export async function signIn(page, url, email, secret, used, { at } = {}) {
  await page.goto(`${url}/admin/sign-in`)
  await expectVisible(page.locator('[data-test=sign-in-form]'), 'sign-in form')
  await expectLabelled(page)
  await page.locator('#f-email').fill(email)
  await page.locator('#f-password').fill(PASSWORD)
  await page.getByRole('button', { name: 'サインイン' }).click()
  await expectVisible(page.locator('[data-test=second-factor-form]'), 'second factor')
  const { code, counter } = await freshCode(secret, used, at)
  await page.locator('#f-code').fill(code)
  await page.getByRole('button', { name: '確認' }).click()
  await expectVisible(page.locator('[data-test=signed-in-as]'), 'signed in')
  return counter
}

