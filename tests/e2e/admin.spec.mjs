// Issue 3, end to end: the first admin is created on the command line and sets up the account with TOTP (codes
// computed here, RFC 6238), signs in, reads the dashboard, invites a staff member; the staff member sets up from the
// mailed link, signs in, finds an application, adds a note, changes the venue of a session — and the team that chose
// it gets the notice in the SMTP sink. Also: menus by role, "not found", English, a phone.
// Runs the real server with a real SMTP sink and Debian's Chromium; fails on any console error or CSP violation.
import { join } from 'node:path'
import {
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
import { expectLabelled, expectNoHorizontalScroll, expectVisible, setUp, signIn, submitApplication, userAdd, SETUP_LINK } from './lib/staff.mjs'

const runId = Date.now().toString(36)
const ADMIN = `admin-${runId}@example.jp`
const STAFF = `staff-${runId}@example.jp`

// ---------- TOTP (RFC 6238: HMAC-SHA1, 30 s steps, 6 digits) ----------

await run(async () => {
  const sink = await startSmtpSink()
  const server = await startServer({ smtpUrl: sink.url })
  const browser = await launchBrowser()
  const problems = []
  const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP', timezoneId: 'America/New_York' })
  const page = await desktop.newPage()
  const watch = watchPage(page, problems)

  const application = await step('a team applies (through the API)', () => submitApplication(server, runId, '管理画面記念病院'))

  let admin
  await step('the first admin is created on the command line and sets up with TOTP', async () => {
    const token = userAdd(server, ADMIN, 'admin')
    admin = await setUp(page, server.url, token, 'admin-setup')
    await screenshot(page, 'admin-setup-done')
  })

  await step('a wrong password is refused on the sign-in form', async () => {
    await page.goto(`${server.url}/admin/sign-in`)
    await page.locator('#f-email').fill(ADMIN)
    await page.locator('#f-password').fill('not-the-password-at-all')
    watch.allow(/401/)
    await page.getByRole('button', { name: 'サインイン' }).click()
    await expectVisible(page.locator('[data-test=form-alert]'), 'sign-in refused')
    assertEqual(await page.locator('[data-test=second-factor-form]').count(), 0, 'no second factor step')
  })

  await step('the admin signs in with password and TOTP and sees the dashboard', async () => {
    admin.counter = await signIn(page, server.url, ADMIN, admin.secret, admin.counter)
    await expectVisible(page.locator('[data-test=dashboard] [data-test=tile-map]'), 'dashboard tile map')
    assertEqual(await page.locator('[data-test=tile-map] .tile').count(), 47, 'a tile per prefecture')
    assertEqual((await page.locator('[data-test=tile-applications] .stat-tile__value').textContent()).trim(), '1', 'one application')
    const tokyo = await page.locator('[data-test=tile-13]').getAttribute('aria-label')
    assert(tokyo.includes('東京都') && tokyo.includes('1'), `Tokyo tile: ${tokyo}`)
    for (const area of ['dashboard', 'applications', 'sessions', 'users', 'audit'])
      await expectVisible(page.locator(`[data-test=nav-${area}]`), `admin menu ${area}`)
    await screenshot(page, 'admin-dashboard')
  })

  let staffToken
  await step('the admin invites a staff member; the set-up link arrives by mail', async () => {
    await page.locator('[data-test=nav-users]').click()
    await expectVisible(page.locator('[data-test=user-table]'), 'accounts')
    await expectLabelled(page)
    await page.locator('#f-email').fill(STAFF)
    await page.locator('#f-display_name').fill('事務局 花子')
    await page.locator('#f-role').selectOption('staff')
    await page.getByRole('button', { name: '招待する' }).click()
    await expectVisible(page.locator('[data-test=flash]', { hasText: STAFF }), 'invitation sent')
    await expectVisible(page.locator('[data-test=user-row]', { hasText: STAFF }), 'staff in the list')
    await screenshot(page, 'admin-users')
    const mail = await waitForMail(sink.dir, (m) => m.to.includes(STAFF))
    const m = SETUP_LINK.exec(mail.text)
    assert(m, `set-up link in the invitation: ${mail.text}`)
    staffToken = m[1]
  })

  await step('the admin reads the audit log and signs out', async () => {
    await page.locator('[data-test=nav-audit]').click()
    await expectVisible(page.locator('[data-test=audit-table] tbody tr'), 'audit rows')
    await page.locator('[data-test=sign-out]').click()
    await expectVisible(page.locator('[data-test=sign-in-form]'), 'back at sign-in')
  })

  const staffContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' })
  const staffPage = await staffContext.newPage()
  const staffWatch = watchPage(staffPage, problems)
  let staff
  await step('the staff member sets up from the mailed link and signs in', async () => {
    staff = await setUp(staffPage, server.url, staffToken)
    staff.counter = await signIn(staffPage, server.url, STAFF, staff.secret, staff.counter)
    await expectVisible(staffPage.locator('[data-test=dashboard]'), 'staff dashboard')
  })

  await step('staff see only their menu; accounts answer "not found"', async () => {
    for (const area of ['dashboard', 'applications', 'sessions'])
      await expectVisible(staffPage.locator(`[data-test=nav-${area}]`), `staff menu ${area}`)
    assertEqual(await staffPage.locator('[data-test=nav-users]').count(), 0, 'no accounts menu for staff')
    assertEqual(await staffPage.locator('[data-test=nav-audit]').count(), 0, 'no audit menu for staff')
    await staffPage.goto(`${server.url}/admin/users`)
    await expectVisible(staffPage.locator('[data-test=not-found]'), 'accounts: not found for staff')
  })

  await step('staff find the application by a hiragana search and open it', async () => {
    await staffPage.locator('[data-test=nav-applications]').click()
    await expectVisible(staffPage.locator('[data-test=application-row]'), 'application list')
    await expectLabelled(staffPage)
    await staffPage.locator('#f-q').fill('かんりがめん')
    await staffPage.locator('#f-prefecture_code').selectOption('13')
    await staffPage.getByRole('button', { name: '絞り込む' }).click()
    await staffPage.waitForURL(/q=/)
    await expectVisible(staffPage.locator('[data-test=total]', { hasText: '1件' }), 'one found')
    const exportHref = await staffPage.locator('[data-test=export-applications-xlsx]').getAttribute('href')
    assert(exportHref.includes('prefecture_code=13') && exportHref.includes('q='), `export keeps the filters: ${exportHref}`)
    const xlsx = await staffPage.request.get(`${server.url}${exportHref}`)
    assertEqual(xlsx.status(), 200, 'export downloads')
    await screenshot(staffPage, 'admin-list')
    await staffPage.locator('[data-test=application-link]', { hasText: application.reference }).click()
    await expectVisible(staffPage.locator('[data-test=detail-title]', { hasText: application.reference }), 'detail')
  })

  await step('staff add a note and change the review status', async () => {
    await expectLabelled(staffPage)
    // An empty note is refused by the server, and the message sits on the field.
    staffWatch.allow(/400/)
    await staffPage.getByRole('button', { name: 'メモを追加' }).click()
    await expectVisible(staffPage.locator('#note-f-body-error'), 'empty note refused on its field')
    await staffPage.locator('#note-f-body').fill('ECMO件数は病院の年報で確認済み。')
    await staffPage.getByRole('button', { name: 'メモを追加' }).click()
    await expectVisible(staffPage.locator('[data-test=note]', { hasText: 'ECMO件数は病院の年報で確認済み。' }), 'note shown')
    await staffPage.locator('#review-f-review_status').selectOption('complete')
    await staffPage.locator('#review-f-reason').fill('必要書類がそろっている')
    await staffPage.getByRole('button', { name: '確認状況を変更' }).click()
    await expectVisible(staffPage.locator('[data-test=review-status]', { hasText: '確認済み' }), 'review status changed')
    await expectVisible(staffPage.locator('[data-test=history]', { hasText: '必要書類がそろっている' }), 'reason in the history')
    await screenshot(staffPage, 'admin-detail')
  })

  await step('an application that does not exist shows "not found"', async () => {
    staffWatch.allow(/404/)
    await staffPage.goto(`${server.url}/admin/applications/does-not-exist`)
    await expectVisible(staffPage.locator('[data-test=not-found]'), 'not found')
  })

  const newVenue = `新会場ホール ${runId}`
  await step('staff change the venue of the session; the team gets the notice by mail', async () => {
    await staffPage.goto(`${server.url}/admin/sessions`)
    await expectVisible(staffPage.locator('[data-test=session-row]'), 'sessions')
    await staffPage.locator(`[data-test=edit-${application.session.number}]`).click()
    await expectVisible(staffPage.locator('[data-test=session-form]'), 'edit form')
    await expectLabelled(staffPage)
    // A bad capacity comes back from the server on its field.
    await staffPage.locator('#f-capacity_teams').fill('0')
    staffWatch.allow(/400/)
    await staffPage.getByRole('button', { name: '変更を保存' }).click()
    await expectVisible(staffPage.locator('#f-capacity_teams-error'), 'capacity refused on its field')
    await staffPage.locator('#f-capacity_teams').fill(String(application.session.capacity_teams))
    await staffPage.locator('#f-venue-ja').fill(newVenue)
    await staffPage.locator('#f-venue-en').fill(`New Hall ${runId}`)
    await screenshot(staffPage, 'admin-session-edit')
    await staffPage.getByRole('button', { name: '変更を保存' }).click()
    await expectVisible(staffPage.locator('[data-test=flash]', { hasText: '1チームに変更を通知しました' }), 'teams notified')
    await expectVisible(staffPage.locator('[data-test=session-row]', { hasText: newVenue }), 'new venue listed')
    await screenshot(staffPage, 'admin-sessions')
    const mail = await waitForMail(sink.dir, (m) => m.to.includes(application.contact) && m.text.includes(newVenue))
    assert(mail.text.includes(newVenue), 'the notice names the new venue')
  })

  await step('the back office in English', async () => {
    await staffPage.goto(`${server.url}/admin/dashboard`)
    await expectVisible(staffPage.locator('[data-test=dashboard]'), 'dashboard')
    await staffPage.locator('[data-test=lang-toggle]').click()
    await expectVisible(staffPage.getByRole('heading', { name: 'Dashboard' }), 'English heading')
    await expectVisible(staffPage.locator('[data-test=nav-applications]', { hasText: 'Applications' }), 'English menu')
    await screenshot(staffPage, 'admin-dashboard-en')
    await staffPage.locator('[data-test=lang-toggle]').click()
  })

  await step('on a phone: dashboard, list and detail fit the screen', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'ja-JP', storageState: await staffContext.storageState() })
    const p = await phone.newPage()
    watchPage(p, problems)
    await p.goto(`${server.url}/admin/dashboard`)
    await expectVisible(p.locator('[data-test=tile-map]'), 'phone dashboard')
    await expectNoHorizontalScroll(p)
    await screenshot(p, 'admin-phone-dashboard')
    await p.goto(`${server.url}/admin/applications`)
    await expectVisible(p.locator('[data-test=application-row]'), 'phone list')
    await expectNoHorizontalScroll(p)
    await screenshot(p, 'admin-phone-list')
    await p.locator('[data-test=application-link]').first().click()
    await expectVisible(p.locator('[data-test=detail-title]'), 'phone detail')
    await expectNoHorizontalScroll(p)
    await screenshot(p, 'admin-phone-detail')
    await phone.close()
  })

  await step('keyboard: the menu is reachable with Tab and shows where focus is', async () => {
    await staffPage.goto(`${server.url}/admin/dashboard`)
    await expectVisible(staffPage.locator('[data-test=dashboard]'), 'dashboard')
    let found = false
    for (let i = 0; i < 25 && !found; i++) {
      await staffPage.keyboard.press('Tab')
      found = await staffPage.evaluate(() => document.activeElement?.getAttribute('data-test') === 'nav-applications')
    }
    assert(found, 'Tab reaches the applications menu item')
    const outline = await staffPage.evaluate(() => getComputedStyle(document.activeElement).outlineStyle)
    assert(outline !== 'none', 'focus is visible')
    await staffPage.keyboard.press('Enter')
    await expectVisible(staffPage.locator('[data-test=applications]'), 'list opened by keyboard')
  })

  await step('no console errors, CSP violations or server errors', () => {
    assertEqual(problems.join('\n'), '', 'problems')
  })
})
