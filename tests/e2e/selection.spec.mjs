// Selection end to end: four teams apply while the first session is open; the clock (KENSHU_CLOCK_FILE) moves past
// its close; staff run a dry run on /admin/selection with a what-if capacity of two teams, read the proposal, pin a
// team with a reason, run again and publish it (the confirmation shows the seed); anyone reads the rules and the
// published lottery; the first team confirms its place on its management page, the
// second declines (asked first), and the waitlisted team sees itself promoted. Also: a what-if problem on its
// input, English, a phone. Fails on any console error or CSP violation not expected.
import { randomUUID } from 'node:crypto'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import {
  ARTIFACTS,
  KENSHU_BIN,
  SOURCE_DIR,
  assert,
  assertEqual,
  launchBrowser,
  run,
  screenshot,
  startServer,
  step,
  testClock,
  waitForMail,
  watchPage,
} from './lib/harness.mjs'
import { totp } from './lib/staff.mjs'

const runId = Date.now().toString(36)
const PASSWORD = `kenshu-e2e-${runId}-Selection!`
const STAFF = `staff-sel-${runId}@example.jp`

// ---------- the server's test clock, stopped at the start; TOTP codes at its time ----------

const clock = testClock()
clock.set(Date.now())
process.env.KENSHU_CLOCK_FILE = clock.file // the server inherits it
const codeNow = (secret) => totp(secret, Math.floor(clock.now() / 30_000))

// ---------- helpers ----------

async function api(server, method, path, body, headers = {}) {
  const r = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Origin: server.url, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await r.text()
  return { status: r.status, json: text ? JSON.parse(text) : null, cookie: r.headers.get('set-cookie') ?? '' }
}

const hospitals = {
  1: { critical_care_center: 'advanced', advanced_treatment_hospital: true, ecmo_cases_last_year: { vv: 12, va: 30 } },
  2: { critical_care_center: 'regular', advanced_treatment_hospital: false, ecmo_cases_last_year: { vv: 0, va: 1 } },
  3: { critical_care_center: 'none', advanced_treatment_hospital: false, ecmo_cases_last_year: { vv: 0, va: 0 } },
}

async function apply(server, program, i, tier, sessionIds) {
  const tag = `${runId}-${i}`
  const member = (profession, name, kana, j) => ({
    name, name_kana: kana, profession, department: 'ICU', years_of_experience: 5, email: `m${j}-${tag}@example.jp`,
  })
  const contact = `contact-${tag}@example.jp`
  const body = {
    hospital: {
      name: `選定試験病院${i}号館 ${runId}`,
      name_kana: 'センテイシケンビョウイン',
      prefecture_code: 13,
      postal_code: '100-0001',
      address: '千代田区千代田1-1',
      phone: '03-1234-5678',
      ...hospitals[tier],
    },
    contact: { name: '山田 太郎', name_kana: 'ヤマダ タロウ', department: '救急科', email: contact, phone: '03-1234-5679' },
    members: [
      member('doctor', '医師 一郎', 'イシ イチロウ', 0),
      member('nurse', '看護 花子', 'カンゴ ハナコ', 1),
      member('nurse', '看護 次郎', 'カンゴ ジロウ', 2),
      member('clinical_engineer', '工学 三郎', 'コウガク サブロウ', 3),
    ],
    preferences: { any_session: false, session_ids: sessionIds },
    consents: { privacy_notice_version: program.privacy_notice.version, no_recording: true },
  }
  const r = await api(server, 'POST', '/api/applications', body, { 'Idempotency-Key': randomUUID() })
  assertEqual(r.status, 201, `application ${i} submitted (${JSON.stringify(r.json)})`)
  const mail = await waitForMail(join(server.dir, 'mail'), (m) => m.to.includes(contact) && /\/manage#/.test(m.text))
  const token = /\/manage#([A-Za-z0-9_-]+)/.exec(mail.text)[1]
  return { id: r.json.id, reference: r.json.reference ?? r.json.application?.reference, token, contact }
}

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

await run(async () => {
  const server = await startServer()
  const browser = await launchBrowser()
  const problems = []
  const program = await (await fetch(`${server.url}/api/program`)).json()
  const open = program.sessions.filter((s) => s.is_open)
  assert(open.length >= 2, 'two open sessions')
  const [s1, s2] = open

  const teams = await step('four teams apply while the first session is open', async () => {
    const out = []
    for (const [i, tier] of [1, 1, 2, 3].entries()) out.push(await apply(server, program, i, tier, i === 2 ? [s1.id, s2.id] : [s1.id]))
    return out
  })

  let secret
  await step('a staff account is set up (command line, then TOTP)', async () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('KENSHU_')))
    const out = spawnSync(
      KENSHU_BIN,
      ['user', 'add', '--config', join(SOURCE_DIR, 'config', 'kenshu.toml'), '--db', join(server.dir, 'kenshu.db'), '--email', STAFF, '--role', 'staff'],
      { cwd: SOURCE_DIR, encoding: 'utf8', timeout: 30_000, env },
    )
    assertEqual(out.status, 0, `kenshu user add: ${out.stderr}`)
    const token = /\/admin\/setup#([A-Za-z0-9_-]+)/.exec(out.stdout)[1]
    const start = await api(server, 'POST', '/api/auth/setup/start', { token })
    assertEqual(start.status, 200, 'set-up started')
    secret = start.json.totp_secret
    const done = await api(server, 'POST', '/api/auth/setup/complete', { token, password: PASSWORD, totp_code: codeNow(secret) })
    assertEqual(done.status, 200, `set-up complete ${JSON.stringify(done.json)}`)
  })

  const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' })
  const page = await desktop.newPage()
  const watch = watchPage(page, problems)

  await step("the clock passes the first session's close; staff sign in", async () => {
    clock.set(Date.parse(s1.applications_close_at) + 3_600_000)
    const first = await api(server, 'POST', '/api/auth/sign-in', { email: STAFF, password: PASSWORD })
    assertEqual(first.json?.stage, 'second_factor', 'password accepted')
    const pending = first.cookie.split(';')[0]
    const second = await api(server, 'POST', '/api/auth/sign-in/second-factor', { code: codeNow(secret) }, { Cookie: pending })
    assertEqual(second.status, 200, `second factor ${JSON.stringify(second.json)}`)
    const [name, value] = second.cookie.split(';')[0].split('=')
    await desktop.addCookies([{ name, value, url: server.url }])
  })

  await step('the selection page lists the closed session and puts a what-if problem on its input', async () => {
    await page.goto(`${server.url}/admin/selection`)
    await expectVisible(page.locator('[data-test=nav-selection]'), 'selection menu')
    await expectVisible(page.locator('[data-test=dry-run-form]'), 'dry-run form')
    await expectLabelled(page)
    assertEqual(await page.locator(`[data-test=choose-${s1.number}]`).isChecked(), true, 'closed session chosen')
    assertEqual(await page.locator(`[data-test=choose-${s2.number}]`).count(), 0, 'open session not offered')
    const row = page.locator('[data-test=selection-session]').filter({ has: page.locator(`[data-test=choose-${s1.number}]`) })
    watch.allow(/400/)
    await row.locator('input[name$="capacity_teams"]').fill('-1')
    await page.locator('[data-test=dry-run]').click()
    await expectVisible(row.locator('.field__error'), 'error under the what-if input')
  })

  let seed
  await step('dry run with two places: the proposal and its counts', async () => {
    const row = page.locator('[data-test=selection-session]').filter({ has: page.locator(`[data-test=choose-${s1.number}]`) })
    await row.locator('input[name$="capacity_teams"]').fill('2')
    await page.locator('[data-test=dry-run]').click()
    await expectVisible(page.locator('[data-test=proposal-table]'), 'proposal')
    assertEqual(await page.locator('[data-test=proposal-row]').count(), 4, 'four teams proposed')
    const counts = await page.locator('[data-test=counts]').innerText()
    assert(/選定\s*2/.test(counts) && /補欠\s*2/.test(counts), `counts: ${counts}`)
    assertEqual(await page.locator('[data-test=tier-counts] tbody tr').count(), 3, 'three tiers counted')
    await screenshot(page, 'selection-proposal')
  })

  await step('staff pin a team with a reason; the next dry run respects it and says so', async () => {
    const pins = page.locator('[data-test=pin-form]')
    await pins.locator('[name$="application_id"]').selectOption(teams[0].id)
    await pins.locator('[name$="session_id"]').selectOption(s1.id)
    await pins.locator('[name$="reason"]').fill('地域の中核病院のため')
    await pins.locator('[data-test=pin-add]').click()
    const pinRow = page.locator('[data-test=pin-row]', { hasText: '地域の中核病院のため' })
    await expectVisible(pinRow, 'pin listed with its reason')
    await page.locator('[data-test=dry-run]').click()
    const pinned = page.locator('[data-test=proposal-row]', { hasText: teams[0].reference })
    await expectVisible(pinned.locator('td', { hasText: '事務局の指定により' }), 'the pin explained')
    assertEqual(await page.locator('[data-test=proposal-row]').count(), 4, 'four teams proposed')
    await page.locator('[data-test=publish]').click()
    seed = await page.locator('[data-test=publish-seed] code').innerText()
    assert(/^\d+$/.test(seed), `seed shown: ${seed}`)
    await screenshot(page, 'selection-publish-confirm')
  })

  await step('publishing mails every team', async () => {
    await page.locator('[data-test=publish-confirm]').click()
    await expectVisible(page.locator('[data-test=published]'), 'published')
    assert((await page.locator('[data-test=published]').innerText()).includes('4'), 'four mails')
    await waitForMail(join(server.dir, 'mail'), (m) => m.to.includes(teams[0].contact) && m.subject.includes('受講決定'))
  })

  const team = await desktop.newPage()
  watchPage(team, problems)
  await step('anyone reads the rules and the published lottery: seed and references in the order drawn', async () => {
    await team.goto(server.url)
    await expectVisible(team.locator('[data-test=selection-rules]'), 'selection rules on the top page')
    assertEqual(await team.locator('[data-test=tier]').count(), 3, 'three priority tiers shown')
    await team.locator('[data-test=selection-rules]').screenshot({ path: join(ARTIFACTS, 'home-selection-rules.png') })
    await team.locator('[data-test=draws-link]').click()
    await expectVisible(team.locator('[data-test=draw]'), 'published draw')
    assertEqual(await team.locator('[data-test=draw-seed]').innerText(), seed, 'the seed published')
    const order = await team.locator('[data-test=draw-order] tbody tr td:nth-child(2)').allInnerTexts()
    assertEqual([...order].sort().join(','), teams.map((x) => x.reference).sort().join(','), 'every reference drawn')
    const redraw = spawnSync('python3', [join(SOURCE_DIR, 'scripts', 'redraw-lottery'), seed, ...[...order].reverse()])
    const redrawn = redraw.stdout.toString().trim().split('\n')
    assertEqual(redrawn.join(','), order.join(','), 'the independent re-draw agrees')
    await team.locator('[data-test=draw-find]').fill(teams[3].reference.toLowerCase())
    const n = order.indexOf(teams[3].reference) + 1
    assert((await team.locator('[data-test=draw-found]').innerText()).includes(`${n}`), 'a team finds its number')
    await expectLabelled(team)
    await screenshot(team, 'draws')
  })
  await step('the first team confirms its place on its page', async () => {
    await team.goto(`${server.url}/manage#${teams[0].token}`)
    await expectVisible(team.locator('[data-test=selection]'), 'selection outcome')
    await expectVisible(team.locator('[data-test=confirm-by]'), 'confirm-by date')
    await screenshot(team, 'manage-accepted')
    await team.locator('[data-test=confirm-place]').click()
    await expectVisible(team.locator('[data-test=flash]'), 'confirmed')
    assert((await team.locator('[data-test=selection-state]').innerText()).includes('確定'), 'shown as confirmed')
    assertEqual(await team.locator('[data-test=confirm-place]').count(), 0, 'no second confirm')
  })

  await step('the second team declines (asked first); the waitlisted team is promoted', async () => {
    await team.goto(`${server.url}/manage#${teams[1].token}`)
    await team.reload()
    await team.locator('[data-test=decline-place]').click()
    await expectVisible(team.locator('[data-test=decline-confirm]'), 'decline question')
    await team.locator('[data-test=decline-confirm]').click()
    await expectVisible(team.locator('[data-test=flash]'), 'declined')
    await team.goto(`${server.url}/manage#${teams[2].token}`)
    await team.reload()
    await expectVisible(team.locator('[data-test=selection]'), 'selection outcome')
    assert((await team.locator('[data-test=selection-state]').innerText()).includes('繰り上げ'), 'promoted')
    await screenshot(team, 'manage-promoted')
  })

  await step('the waitlisted team sees its position, explanation and later session', async () => {
    await team.goto(`${server.url}/manage#${teams[3].token}`)
    await team.reload()
    await expectVisible(team.locator('[data-test=selection-waitlist]'), 'waitlist')
    await expectVisible(team.locator('[data-test=selection-explanation]'), 'explanation')
    await team.locator('[data-test=lang-en], button:has-text("English")').first().click()
    await expectVisible(team.locator('[data-test=selection-state]', { hasText: 'waitlist' }), 'English outcome')
  })

  await step('official lists: a bad file names its line; a good one flags applications; staff review one', async () => {
    await page.evaluate(() => localStorage.setItem('kenshu.lang', 'ja')) // the previous step chose English
    await page.goto(`${server.url}/admin/selection`)
    watch.allow(/400/) // the bad file
    watch.allow(/400/) // the review without a reason
    await expectVisible(page.locator('[data-test=hospital-lists]'), 'official lists section')
    await expectLabelled(page)
    const bad = page.locator('[data-test=list-form-advanced_treatment_hospital]')
    await bad.locator('input[type=file]').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('名称,都道府県\nA病院,東京都\nB病院,火星\n') })
    await bad.locator('[data-test=list-upload-advanced_treatment_hospital]').click()
    await expectVisible(bad.locator('[data-test=list-errors-advanced_treatment_hospital]', { hasText: '3行目' }), 'line error')
    const good = page.locator('[data-test=list-form-critical_care_center]')
    const csv = `都道府県,医療機関名,区分\r\n東京都,選定試験病院0号館 ${runId},高度救命救急センター\r\n`
    await good.locator('input[type=file]').setInputFiles({ name: 'cc.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await good.locator('[data-test=list-upload-critical_care_center]').click()
    await expectVisible(page.locator('[data-test=lists-flash]'), 'imported')
    await expectVisible(page.locator('[data-test=list-loaded-critical_care_center]', { hasText: '1' }), 'list counted')
    await expectVisible(page.locator('[data-test=flag]'), 'flags listed')
    const before = await page.locator('[data-test=flag-reviewed]').count()
    await screenshot(page, 'selection-lists')
    await page.locator('[data-test=flag-review]').first().click()
    await page.locator('[data-test=flag-review-submit]').click()
    await expectVisible(page.locator('[data-test=flag-review-form] .field__error'), 'reason required')
    await page.locator('[data-test=flag-review-form] textarea, [data-test=flag-review-form] input').first().fill('指定通知で確認')
    await page.locator('[data-test=flag-review-submit]').click()
    await expectVisible(page.locator('[data-test=lists-flash]', { hasText: '確認済みにしました' }), 'reviewed')
    assertEqual(await page.locator('[data-test=flag-reviewed]').count(), before + 1, 'one more flag reviewed')
    await screenshot(page, 'selection-lists-reviewed')
  })

  await step('the accepted team asks to replace a member; staff approve it on the application', async () => {
    await team.goto(`${server.url}/manage#${teams[0].token}`)
    await team.reload()
    await expectVisible(team.locator('[data-test=replacements]'), 'replacement section')
    await team.locator('[data-test=replace-1]').click()
    await team.locator('[data-test=replacement-send]').click()
    await expectVisible(team.locator('[data-test=replacement-form] .field__error'), 'client-side problems')
    await team.fill('input[name="members[1].name"]', '交代 看護')
    await team.fill('input[name="members[1].name_kana"]', 'こうたい かんご')
    await team.fill('input[name="members[1].years_of_experience"]', '6')
    await team.fill('input[name="members[1].department"]', 'ICU')
    await team.fill('input[name="members[1].email"]', `new-nurse-${runId}@example.jp`)
    await expectLabelled(team)
    await screenshot(team, 'manage-replacement-form')
    await team.locator('[data-test=replacement-send]').click()
    await expectVisible(team.locator('[data-test=replacement-flash]'), 'request sent')
    await expectVisible(team.locator('[data-test=replacement-request]', { hasText: '確認待ち' }), 'pending request listed')
    await expectVisible(team.locator('[data-test=replacement-pending]'), 'member shown as requested')
    await screenshot(team, 'manage-replacement')
    const view = await (await fetch(`${server.url}/api/manage/application`, { headers: { Authorization: `Bearer ${teams[0].token}` } })).json()
    await page.goto(`${server.url}/admin/applications/${view.id}`)
    await expectVisible(page.locator('[data-test=admin-replacement]'), 'request on the application')
    await expectLabelled(page)
    await screenshot(page, 'admin-replacement')
    await page.locator('[data-test=replacement-approve]').click()
    await expectVisible(page.locator('[data-test=admin-replacements] [data-test=replacement-flash]'), 'approved')
    await expectVisible(page.locator('[data-test=replacement-status]', { hasText: '承認' }), 'approved status')
    await team.reload()
    await expectVisible(team.locator('[data-test=replacement-request]', { hasText: '承認' }), 'team sees approval')
    await page.goto(`${server.url}/admin/selection`) // the phone step reloads the selection page
  })

  async function fitsThePhone(p) {
    const { scroll, width, wide } = await p.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      width: window.innerWidth,
      wide: [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 5)
        .map((el) => `${el.tagName}.${el.className}[${el.getAttribute('data-test') ?? ''}]`),
    }))
    if (scroll > width) console.log(wide.join('\n'))
    assert(scroll <= width, `page is wider (${scroll}px) than the viewport (${width}px)`)
  }

  await step('a phone: no sideways scrolling on the selection page', async () => {
    await page.setViewportSize({ width: 390, height: 844 })
    await page.reload()
    await expectVisible(page.locator('[data-test=dry-run-form]'), 'dry-run form on a phone')
    await fitsThePhone(page)
    await screenshot(page, 'selection-phone')
  })

  await step('a phone, in English: the published lottery', async () => {
    await page.goto(`${server.url}/draws`)
    await page.locator('[data-test=lang-en], button:has-text("English")').first().click()
    await expectVisible(page.locator('h1', { hasText: 'Published lotteries' }), 'English title')
    await expectVisible(page.locator('[data-test=draw-order]'), 'the order on a phone')
    await fitsThePhone(page)
    await screenshot(page, 'draws-phone-en')
  })

  await step('no console error or CSP violation', async () => {
    assertEqual(problems.join('\n'), '', 'browser problems')
  })
})
