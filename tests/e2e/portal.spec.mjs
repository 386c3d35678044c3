// End to end, pre-learning: a team applies in the demo year; a member asks for a sign-in link, opens it from the
// mail in the SMTP sink (the page signs in only when the button is pressed), studies a lecture, takes a test (an
// empty attempt fails; attempts left go down), answers the pre-course questionnaire; staff see the progress and
// the results page. Phone size for the participant, no CSP error anywhere.
import { spawnSync } from 'node:child_process'
import { createHmac, randomUUID } from 'node:crypto'
import { join } from 'node:path'
import {
  KENSHU_BIN,
  SOURCE_DIR,
  assert,
  assertEqual,
  launchBrowser,
  run,
  screenshot,
  startServer,
  startSmtpSink,
  step,
  waitForMail,
  watchPage,
} from './lib/harness.mjs'

const runId = Date.now().toString(36)
const PASSWORD = `kenshu-e2e-${runId}-Tsukuba!`
const ADMIN = `admin-${runId}@example.jp`
const SETUP_LINK = /\/admin\/setup#([A-Za-z0-9_-]+)/

function base32(text) {
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

function totp(secret, counter) {
  const msg = Buffer.alloc(8)
  msg.writeBigUInt64BE(BigInt(counter))
  const h = createHmac('sha1', base32(secret)).update(msg).digest()
  const offset = h[h.length - 1] & 0xf
  const n = (h.readUInt32BE(offset) & 0x7fffffff) % 1_000_000
  return String(n).padStart(6, '0')
}

const stepNow = () => Math.floor(Date.now() / 30_000)

/** A code of a time step later than `used` (the server refuses a step already used), waiting for it if need be. */
async function freshCode(secret, used = -1) {
  while (stepNow() <= used) await new Promise((r) => setTimeout(r, 500))
  const counter = stepNow()
  return { code: totp(secret, counter), counter }
}

// ---------- helpers ----------

async function expectVisible(locator, what, timeout = 10_000) {
  await locator.first().waitFor({ state: 'visible', timeout }).catch(() => {
    throw new Error(`not visible: ${what}`)
  })
}

async function expectLabelled(page) {
  const unlabelled = await page.$$eval('input, select, textarea', (els) =>
    els.filter((el) => el.type !== 'hidden' && (!el.labels || el.labels.length === 0)).map((el) => el.id || el.name),
  )
  assertEqual(unlabelled.join(','), '', 'inputs without a label')
}

function userAdd(server, email, role) {
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

async function submitApplication(server) {
  const program = await (await fetch(`${server.url}/api/program`)).json()
  const open = program.sessions.filter((s) => s.is_open)
  assert(open.length >= 2, 'two open sessions')
  const member = (profession, name, kana, i) => ({
    name, name_kana: kana, profession, department: 'ICU', years_of_experience: 5, email: `m${i}-${runId}@example.jp`,
  })
  const contact = `contact-${runId}@example.jp`
  const body = {
    hospital: {
      name: `管理画面記念病院 ${runId}`,
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
async function setUp(page, url, token, shots) {
  await page.goto(`${url}/admin/setup#${token}`)
  await expectVisible(page.locator('[data-test=setup-form]'), 'set-up form')
  await expectVisible(page.locator('[data-test=totp-qr]'), 'QR code')
  const qrLoaded = await page.locator('[data-test=totp-qr]').evaluate((img) => img.complete && img.naturalWidth > 0)
  assert(qrLoaded, 'the QR code image is shown')
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

async function signIn(page, url, email, secret, used) {
  await page.goto(`${url}/admin/sign-in`)
  await expectVisible(page.locator('[data-test=sign-in-form]'), 'sign-in form')
  await expectLabelled(page)
  await page.locator('#f-email').fill(email)
  await page.locator('#f-password').fill(PASSWORD)
  await page.getByRole('button', { name: 'サインイン' }).click()
  await expectVisible(page.locator('[data-test=second-factor-form]'), 'second factor')
  const { code, counter } = await freshCode(secret, used)
  await page.locator('#f-code').fill(code)
  await page.getByRole('button', { name: '確認' }).click()
  await expectVisible(page.locator('[data-test=signed-in-as]'), 'signed in')
  return counter
}


await run(async () => {
  const sink = await startSmtpSink()
  const server = await startServer({ smtpUrl: sink.url })
  const browser = await launchBrowser()
  const problems = []
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP', isMobile: true, hasTouch: true })
  const page = await phone.newPage()
  const watch = watchPage(page, problems)

  const application = await step('a team applies in the demo year (through the API)', () => submitApplication(server))
  const member = `m0-${runId}@example.jp`

  await step('the member asks for a sign-in link on /portal', async () => {
    watch.allow(/401/) // /api/auth/me before signing in
    await page.goto(`${server.url}/portal`)
    await expectVisible(page.locator('[data-test=email-link]'), 'link form')
    await page.locator('[data-test=link-email]').fill(member)
    await page.locator('[data-test=link-send]').click()
    await expectVisible(page.locator('[data-test=link-sent]'), 'link sent')
    await screenshot(page, 'portal-link-sent')
  })

  await step('the link from the mail shows a button and signs in only when pressed', async () => {
    const mail = await waitForMail(sink.dir, (m) => m.to.includes(member) && /sign-in\/email#/.test(m.text))
    const link = /(https?:\/\/\S+\/sign-in\/email#[A-Za-z0-9_-]+)/.exec(mail.text)[1]
    const url = new URL(link)
    await page.goto(`${server.url}${url.pathname}${url.hash}`)
    await expectVisible(page.locator('[data-test=link-confirm]'), 'sign-in button')
    await screenshot(page, 'portal-sign-in-link')
    await page.locator('[data-test=link-confirm]').click()
    await expectVisible(page.locator('[data-test=portal-name]'), 'portal')
    assert((await page.locator('[data-test=portal-name]').textContent()).includes('医師 一郎'), 'signed in as the member')
    await screenshot(page, 'portal-overview')
  })

  let quizId = ''
  await step('the member studies a lecture (Markdown rendered) and marks it studied', async () => {
    await page.locator('[data-test=lectures] li a').first().click()
    await expectVisible(page.locator('[data-test=lecture-body] h1, [data-test=lecture-body] h2'), 'lecture body')
    assert((await page.locator('[data-test=lecture-body] table').count()) > 0, 'the Markdown table is rendered')
    await screenshot(page, 'portal-lecture')
    await page.locator('[data-test=mark-studied]').click()
    await expectVisible(page.locator('[data-test=studied-done]'), 'studied')
    await page.locator('[data-test=to-quiz]').first().click()
    await expectVisible(page.locator('[data-test=quiz-start]'), 'test page')
    quizId = new URL(page.url()).pathname.split('/').pop()
  })

  await step('an empty attempt fails with the score; attempts left go down', async () => {
    const before = (await page.locator('[data-test=attempts-left]').textContent()).trim()
    await page.locator('[data-test=quiz-start]').click()
    await expectVisible(page.locator('[data-test=quiz-form]'), 'questions')
    await page.locator('[data-test=question-0] input').first().click()
    await screenshot(page, 'portal-quiz')
    await page.locator('[data-test=quiz-submit]').click()
    await expectVisible(page.locator('[data-test=submit-anyway]'), 'unanswered questions confirmed first')
    await page.locator('[data-test=submit-anyway]').click()
    await expectVisible(page.locator('[data-test=quiz-outcome]'), 'result')
    assert((await page.locator('[data-test=quiz-outcome]').textContent()).includes('不合格'), 'failed')
    const after = (await page.locator('[data-test=attempts-left]').textContent()).trim()
    assert(before !== after, `attempts left changed (${before} → ${after})`)
    await screenshot(page, 'portal-quiz-result')
  })

  await step('the member answers the pre-course questionnaire (required items checked first)', async () => {
    await page.goto(`${server.url}/portal`)
    await expectVisible(page.locator('[data-test=answer-pre]'), 'pre questionnaire open')
    await page.locator('[data-test=answer-pre]').click()
    await expectVisible(page.locator('[data-test=questionnaire-form]'), 'form')
    await page.locator('[data-test=questionnaire-submit]').click()
    await expectVisible(page.locator('[data-test=questionnaire-problems]'), 'required items flagged')
    const items = page.locator('fieldset.q-item')
    const n = await items.count()
    for (let i = 0; i < n; ++i) {
      const item = items.nth(i)
      const kind = await item.getAttribute('data-kind')
      if (kind === 'likert') await item.locator('[data-test=scale-3]').check()
      else if (kind === 'single_choice') await item.locator('[data-test=option-0]').check()
      else if (kind === 'multiple_choice') await item.locator('[data-test=option-0]').check()
      else if (kind === 'numeric') await item.locator('[data-test=number]').fill('3')
      else await item.locator('[data-test=text]').fill('換気モードの選び方を学びたい')
    }
    await screenshot(page, 'portal-questionnaire')
    await page.locator('[data-test=questionnaire-submit]').click()
    await expectVisible(page.locator('[data-test=questionnaire-done]'), 'answered')
    await page.goto(`${server.url}/portal`)
    await expectVisible(page.locator('[data-test=questionnaire-pre] [data-test=questionnaire-status]', { hasText: '回答済み' }), 'pre answered')
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)
    assert(!wide, 'no horizontal scroll on a phone')
    await screenshot(page, 'portal-overview-after')
  })

  const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' })
  const staffPage = await desktop.newPage()
  const staffWatch = watchPage(staffPage, problems)
  await step('staff see the progress and the results', async () => {
    const token = userAdd(server, ADMIN, 'admin')
    const admin = await setUp(staffPage, server.url, token)
    await signIn(staffPage, server.url, ADMIN, admin.secret, admin.counter)
    await staffPage.locator('[data-test=nav-learning]').click()
    await expectVisible(staffPage.locator('[data-test=progress-people]'), 'progress table')
    const row = staffPage.locator('[data-test=progress-people] tbody tr', { hasText: '医師 一郎' })
    assert((await row.locator('[data-test=person-pre]').textContent()).includes('済'), 'pre answered shown')
    assert((await row.locator('[data-test=person-lectures]').textContent()).startsWith('1/'), 'one lecture studied')
    assert(await staffPage.locator('[data-test=export-xlsx]').isVisible(), 'export link')
    await screenshot(staffPage, 'admin-learning')
    await staffPage.locator('[data-test=gift-text]').fill('::q1::問題 {=正しい ~誤り\n')
    staffWatch.allow(/422/) // the bad GIFT file, on purpose
    await staffPage.locator('[data-test=gift-submit]').click()
    await expectVisible(staffPage.locator('[data-test=gift-errors] li'), 'GIFT errors with lines')
    await screenshot(staffPage, 'admin-learning-gift-errors')
    await staffPage.locator('[data-test=nav-results]').click()
    await expectVisible(staffPage.locator('[data-test=response-rates]'), 'results')
    await staffPage.waitForTimeout(500)
    await screenshot(staffPage, 'admin-results')
  })

  await step('no console error, CSP violation or server error', async () => {
    assertEqual(problems.length, 0, `problems:\n${problems.join('\n')}`)
  })
  void application
  void quizId
})
