// Issue 6, end to end: a hospital team reads the programme, applies as a team of four, receives the confirmation
// e-mail, opens its management link, edits and withdraws — on a desktop, then the application once more on a phone
// (where the first answer to "send" is lost on the way back and the retry must not create a second application).
// Runs the real server with a real SMTP sink and Debian's Chromium; fails on any console error or CSP violation.
import {
  assert,
  assertEqual,
  launchBrowser,
  readMails,
  run,
  screenshot,
  startServer,
  startSmtpSink,
  step,
  waitForMail,
  watchPage,
} from './lib/harness.mjs'

const MANAGE_LINK = /(https?:\/\/[^\s"<>]+\/manage#([A-Za-z0-9_-]{43}))/
const runId = Date.now().toString(36)

function team(tag) {
  return {
    hospital: {
      name: `イーツー記念病院 ${tag}`,
      kana: `いーつーきねんびょういん ${tag === 'desk' ? 'デスク' : 'モバイル'}`, // hiragana: the form makes it katakana
      postal: '1000001',
      prefecture: '13',
      address: '千代田区千代田1-1',
      phone: '03-1234-5678',
      centre: 'advanced',
      vv: '12',
      va: '30',
    },
    contact: {
      name: '山田 太郎',
      kana: 'ヤマダ タロウ',
      department: '救急科',
      email: `contact-${tag}-${runId}@example.jp`,
      phone: '090-1234-5678',
    },
    members: [
      { profession: 'doctor', name: '医師 一郎', kana: 'イシ イチロウ', department: '救急科', years: '10' },
      { profession: 'nurse', name: '看護 花子', kana: 'カンゴ ハナコ', department: 'ICU', years: '7' },
      { profession: 'nurse', name: '看護 次郎', kana: 'カンゴ ジロウ', department: 'ICU', years: '3' },
      { profession: 'clinical_engineer', name: '工学 三郎', kana: 'コウガク サブロウ', department: '臨床工学部', years: '5' },
    ].map((m, i) => ({ ...m, email: `m${i}-${tag}-${runId}@example.jp` })),
  }
}

async function expectVisible(locator, what) {
  await locator.first().waitFor({ state: 'visible', timeout: 10_000 }).catch(() => {
    throw new Error(`not visible: ${what}`)
  })
}

async function pressNext(page) {
  await page.getByRole('button', { name: '次へ' }).click()
}

async function expectStep(page, name) {
  await expectVisible(page.locator('[data-test=step-heading]', { hasText: name }), `step ${name}`)
}

/** Every input, select and textarea of the page has a label. */
async function expectLabelled(page) {
  const unlabelled = await page.$$eval('input, select, textarea', (els) =>
    els.filter((el) => el.type !== 'hidden' && (!el.labels || el.labels.length === 0)).map((el) => el.id || el.name),
  )
  assertEqual(unlabelled.join(','), '', 'inputs without a label')
}

async function expectNoHorizontalScroll(page) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }))
  assert(scroll <= width, `page is wider (${scroll}px) than the viewport (${width}px)`)
}

async function fillHospitalStep(page, t, shots) {
  await expectStep(page, '病院')
  await expectLabelled(page)
  // An empty step cannot move on, and says why.
  await pressNext(page)
  await expectVisible(page.locator('[data-test=error-summary]'), 'error summary on an empty step')
  await expectVisible(page.getByText('入力してください。'), 'a "required" message')
  if (shots) await screenshot(page, `${shots}-1-hospital-errors`)

  await page.getByLabel('病院名', { exact: false }).first().fill(t.hospital.name)
  await page.locator('#f-hospital-name_kana').fill(t.hospital.kana)
  await page.locator('#f-hospital-postal_code').fill(t.hospital.postal)
  await page.locator('#f-hospital-prefecture_code').selectOption(t.hospital.prefecture)
  await page.locator('#f-hospital-address').fill(t.hospital.address)
  await page.locator('#f-hospital-phone').fill(t.hospital.phone)
  await page.locator('#f-hospital-critical_care_center').selectOption(t.hospital.centre)
  await page.locator('#f-hospital-advanced_treatment_hospital').check()
  await page.locator('#f-hospital-ecmo_cases_last_year-vv').fill(t.hospital.vv)
  await page.locator('#f-hospital-ecmo_cases_last_year-va').fill(t.hospital.va)

  await page.locator('#f-contact-name').fill(t.contact.name)
  await page.locator('#f-contact-name_kana').fill(t.contact.kana)
  await page.locator('#f-contact-department').fill(t.contact.department)
  // Checks as you type: a bad address is flagged under its field, and the flag goes when it is fixed.
  const email = page.locator('#f-contact-email')
  await email.fill('yamada@')
  await email.blur()
  await expectVisible(page.locator('#f-contact-email-error', { hasText: 'メールアドレスの形式が正しくありません' }), 'e-mail format message')
  assertEqual(await email.getAttribute('aria-invalid'), 'true', 'aria-invalid on the bad e-mail')
  await email.fill(t.contact.email)
  await page.locator('#f-contact-email-error').waitFor({ state: 'detached' })
  await page.locator('#f-contact-phone').fill(t.contact.phone)
  if (shots) await screenshot(page, `${shots}-2-hospital-filled`)
  await pressNext(page)
}

async function fillTeamStep(page, t, shots) {
  await expectStep(page, 'チーム')
  assertEqual(await page.locator('[data-test=member]').count(), 4, 'the basic team has four member blocks')
  for (const [i, m] of t.members.entries()) {
    assertEqual(await page.locator(`#f-members-${i}-profession`).inputValue(), m.profession, `profession of member ${i + 1}`)
    await page.locator(`#f-members-${i}-name`).fill(m.name)
    await page.locator(`#f-members-${i}-name_kana`).fill(m.kana)
    await page.locator(`#f-members-${i}-department`).fill(m.department)
    await page.locator(`#f-members-${i}-years_of_experience`).fill(m.years)
    await page.locator(`#f-members-${i}-email`).fill(m.email)
  }
  // The team rule: without a doctor the team is refused, with the notice's wording.
  await page.locator('#f-members-0-profession').selectOption('nurse')
  await expectVisible(page.getByText('チームには医師を1名以上含めてください。'), 'no-doctor message')
  await page.locator('#f-members-0-profession').selectOption('doctor')
  await expectLabelled(page)
  if (shots) await screenshot(page, `${shots}-3-team`)
  await pressNext(page)
}

async function fillPreferencesStep(page, shots) {
  await expectStep(page, '希望日程')
  const add = page.locator('[data-test=session-choices] button', { hasText: '希望に追加' })
  assert((await add.count()) >= 2, 'at least two sessions are open in the demo year')
  await add.nth(0).click()
  await add.nth(0).click() // the first button is gone (chosen); this is the next open session
  const ranked = page.locator('[data-test=ranked] .ranked__what')
  assertEqual(await ranked.count(), 2, 'two sessions ranked')
  const [a, b] = await ranked.allInnerTexts()
  await page.locator('#pref-up-1').click()
  const after = await ranked.allInnerTexts()
  assert(after[0] === b && after[1] === a, 'moving the second choice up swaps the ranking')
  if (shots) await screenshot(page, `${shots}-4-preferences`)
  await pressNext(page)
}

async function fillConsentsStep(page, shots) {
  await expectStep(page, '同意')
  await expectVisible(page.locator('[data-test=privacy-notice]'), 'privacy notice text')
  await page.getByLabel('個人情報の取扱いに同意します').check()
  await page.getByLabel('講義内容の録画・撮影', { exact: false }).check()
  if (shots) await screenshot(page, `${shots}-5-consents`)
  await page.getByRole('button', { name: '確認画面へ' }).click() // asks the server to check the whole application
}

async function expectReview(page, t) {
  await expectStep(page, '確認')
  const summary = page.locator('[data-test=summary]')
  await expectVisible(summary.getByText(t.hospital.name), 'hospital name in the review')
  await expectVisible(summary.getByText('イーツーキネンビョウイン', { exact: false }), 'フリガナ turned into katakana')
  await expectVisible(summary.getByText('100-0001'), 'postal code in normal form')
  assertEqual(await page.locator('[data-test=summary-members] li').count(), 4, 'four members in the review')
  await expectVisible(summary.getByText(t.contact.email), 'contact e-mail in the review')
}

async function expectDone(page, t) {
  await page.waitForURL(/\/apply\/done$/)
  const reference = (await page.locator('[data-test=reference]').innerText()).trim()
  assert(/^[A-Z0-9]+-\d{4,}$/.test(reference), `reference looks like R7-0001: ${reference}`)
  const mailText = await page.locator('[data-test=done-mail]').innerText()
  assert(mailText.includes(t.contact.email), 'the done page names the contact e-mail')
  const draft = await page.evaluate(() => localStorage.getItem('kenshu.apply.draft'))
  assertEqual(draft, null, 'the draft is cleared after success')
  return reference
}

await run(async () => {
  const sink = await startSmtpSink()
  const server = await startServer({ smtpUrl: sink.url, demo: true })
  console.log(`# server ${server.url}, smtp sink ${sink.url}`)
  const browser = await launchBrowser()
  const problems = []

  // ---------------- desktop ----------------
  const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP', timezoneId: 'America/New_York' })
  const page = await desktop.newPage()
  watchPage(page, problems)
  const desk = team('desk')
  let reference = ''
  let link = ''

  await step('the server sends the Content-Security-Policy the page must live under', async () => {
    const res = await page.request.get(`${server.url}/`)
    assertEqual(res.status(), 200, 'GET /')
    const csp = res.headers()['content-security-policy'] ?? ''
    assert(/script-src 'self'/.test(csp) && !/unsafe-inline/.test(csp), `strict CSP, got: ${csp}`)
  })

  await step('top page: the programme as the notice says it', async () => {
    await page.goto(`${server.url}/`)
    await expectVisible(page.locator('[data-test=demo-banner]', { hasText: 'デモ' }), 'demo banner')
    await expectVisible(page.locator('h1'), 'title')
    assertEqual(await page.locator('html').getAttribute('lang'), 'ja', 'html lang')
    const courses = await page.locator('[data-test=courses]').innerText()
    for (const s of ['人工呼吸器', 'ECMO', '08:30', '12:15', '13:00', '18:00']) assert(courses.includes(s), `courses show ${s}`)
    assertEqual(await page.locator('[data-test=session-row]').count(), 8, 'eight sessions')
    const table = await page.locator('[data-test=sessions]').innerText()
    assert(/\d{4}年\d{1,2}月\d{1,2}日（[日月火水木金土]）/.test(table), 'dates with weekday')
    assert(/令和(元|\d+)年/.test(table), '和暦 alongside')
    assert(/残り\d+チーム|満員/.test(table), 'places still open')
    await expectVisible(page.locator('[data-test=countdown]', { hasText: '締切まであと' }), 'deadline countdown')
    assert((await page.locator('[data-test=notes] li').count()) >= 3, 'the notice’s notes')
    await expectVisible(page.locator('[data-test=secretariat] a[href^="mailto:"]'), 'secretariat e-mail')
    await expectVisible(page.getByText('申込時にいただいた個人情報は', { exact: false }), 'privacy summary')
    await screenshot(page, 'desktop-0-top')
  })

  await step('English toggle: text, lang attribute, and back to Japanese', async () => {
    await page.getByRole('button', { name: /English/ }).click()
    await expectVisible(page.getByRole('link', { name: 'Apply as a team' }), 'English apply button')
    assertEqual(await page.locator('html').getAttribute('lang'), 'en', 'html lang after toggle')
    await screenshot(page, 'desktop-0-top-en')
    await page.reload()
    assertEqual(await page.locator('html').getAttribute('lang'), 'en', 'the choice is remembered')
    await page.getByRole('button', { name: /日本語/ }).click()
    await expectVisible(page.getByRole('link', { name: 'チームで申し込む' }), 'Japanese again')
  })

  await step('session page with its calendar file', async () => {
    await page.locator('[data-test=session-row] a').first().click()
    await expectVisible(page.locator('[data-test=session-page] h1', { hasText: '第1回' }), 'session heading')
    const href = await page.locator('[data-test=ics-link]').getAttribute('href')
    assert(/^\/api\/sessions\/[^/]+\/calendar\.ics$/.test(href ?? ''), `ics link ${href}`)
    const ics = await page.request.get(`${server.url}${href}`)
    assertEqual(ics.status(), 200, 'GET calendar.ics')
    assert(/text\/calendar/.test(ics.headers()['content-type'] ?? ''), 'ics content type')
    assert((await ics.text()).includes('BEGIN:VCALENDAR'), 'ics body')
    await screenshot(page, 'desktop-0-session')
    await page.getByRole('link', { name: '研修案内に戻る' }).click()
  })

  await step('apply: hospital and contact', async () => {
    await page.getByRole('link', { name: 'チームで申し込む' }).click()
    await fillHospitalStep(page, desk, 'desktop')
  })
  await step('apply: a team of four', () => fillTeamStep(page, desk, 'desktop'))
  await step('apply: ranked session preferences', () => fillPreferencesStep(page, 'desktop'))
  await step('apply: consents, then the server checks the whole', async () => {
    await fillConsentsStep(page, 'desktop')
    await expectReview(page, desk)
    await screenshot(page, 'desktop-6-review')
  })

  await step('a reload keeps the draft', async () => {
    await page.reload()
    await expectVisible(page.locator('[data-test=draft-restored]'), 'draft restored notice')
    assertEqual(await page.locator('#f-consents-no_recording').isChecked(), true, 'consent kept')
    await page.getByRole('button', { name: '確認画面へ' }).click()
    await expectReview(page, desk)
  })

  await step('submit: the done page shows the reference', async () => {
    await page.getByRole('button', { name: 'この内容で申し込む' }).click()
    reference = await expectDone(page, desk)
    await screenshot(page, 'desktop-7-done')
  })

  await step('the confirmation e-mail brings the management link', async () => {
    const mail = await waitForMail(sink.dir, (m) => m.to.includes(desk.contact.email) && MANAGE_LINK.test(m.text))
    assert(mail.text.includes(reference), 'the mail names the reference')
    link = MANAGE_LINK.exec(mail.text)[1]
    assert(link.startsWith(server.url), `link on the server's address: ${link}`)
    const toMembers = readMails(sink.dir).filter((m) => desk.members.some((x) => m.to.includes(x.email)))
    console.log(`#   ${toMembers.length} member notice(s) in the sink`)
  })

  await step('management page: view', async () => {
    await page.goto(link)
    await expectVisible(page.locator('[data-test=manage-reference]', { hasText: reference }), 'reference on the management page')
    await expectVisible(page.locator('[data-test=status]', { hasText: '申込済み' }), 'status submitted')
    await expectVisible(page.locator('[data-test=summary]').getByText(desk.hospital.name), 'hospital on the management page')
    await screenshot(page, 'desktop-8-manage')
  })

  await step('management page: edit a member’s department', async () => {
    await page.getByRole('button', { name: '申込内容を変更する' }).click()
    await expectVisible(page.locator('[data-test=manage-edit]'), 'edit form')
    await page.locator('#f-members-1-department').fill('集中治療部')
    await screenshot(page, 'desktop-9-manage-edit')
    await page.getByRole('button', { name: '保存する' }).click()
    await expectVisible(page.locator('[data-test=flash]', { hasText: '変更を保存しました' }), 'saved message')
    await expectVisible(page.locator('[data-test=summary-members]').getByText('集中治療部'), 'new department shown')
    await page.reload()
    await expectVisible(page.locator('[data-test=summary-members]').getByText('集中治療部'), 'new department stored')
    await expectVisible(page.locator('[data-test=history]', { hasText: '変更' }), 'history shows the change')
  })

  await step('management page: withdraw, with confirmation', async () => {
    await page.getByRole('button', { name: '申込を取り下げる' }).click()
    await expectVisible(page.getByText('取り下げた申込は元に戻せません', { exact: false }), 'confirmation question')
    await page.getByRole('button', { name: '取り下げる', exact: true }).click()
    await expectVisible(page.locator('[data-test=status]', { hasText: '取下げ済み' }), 'status withdrawn')
    await expectVisible(page.locator('[data-test=flash]', { hasText: '申込を取り下げました' }), 'withdrawn message')
    assertEqual(await page.locator('[data-test=edit]').count(), 0, 'no edit button after withdrawal')
    await screenshot(page, 'desktop-10-withdrawn')
  })

  await step('privacy page', async () => {
    await page.getByRole('link', { name: '個人情報の取扱い' }).first().click()
    await expectVisible(page.locator('[data-test=privacy-version]'), 'privacy notice version')
    await expectVisible(page.locator('[data-test=demo-banner]'), 'demo banner on the privacy page')
  })
  await desktop.close()

  // ---------------- phone ----------------
  const phoneContext = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
  })
  const phone = await phoneContext.newPage()
  const guard = watchPage(phone, problems)
  const mobile = team('mobile')

  await step('phone: the top page fits the screen', async () => {
    await phone.goto(`${server.url}/`)
    await expectVisible(phone.locator('[data-test=demo-banner]'), 'demo banner on a phone')
    await expectNoHorizontalScroll(phone)
    await screenshot(phone, 'phone-0-top')
  })

  await step('phone: apply through every step', async () => {
    await phone.getByRole('link', { name: 'チームで申し込む' }).click()
    await fillHospitalStep(phone, mobile, 'phone')
    await expectNoHorizontalScroll(phone)
    await fillTeamStep(phone, mobile, 'phone')
    await fillPreferencesStep(phone, 'phone')
    await fillConsentsStep(phone, 'phone')
    await expectReview(phone, mobile)
    await expectNoHorizontalScroll(phone)
    await screenshot(phone, 'phone-6-review')
  })

  await step('phone: a lost answer, then a retry, makes one application', async () => {
    let first = null
    await phone.route('**/api/applications', async (route) => {
      if (route.request().method() !== 'POST' || first) return route.continue()
      const response = await route.fetch() // the server receives and answers …
      first = await response.json()
      guard.allow(/ERR_CONNECTION_RESET|Failed to load resource/)
      await route.abort('connectionreset') // … but the answer never reaches the page
    })
    await phone.getByRole('button', { name: 'この内容で申し込む' }).click()
    await expectVisible(phone.locator('[data-test=apply-alert]', { hasText: '二重に登録されることはありません' }), 'retry hint')
    await screenshot(phone, 'phone-7-retry')
    await phone.getByRole('button', { name: 'この内容で申し込む' }).click()
    const ref = await expectDone(phone, mobile)
    assert(first, 'the first submission reached the server')
    assertEqual(ref, first.reference, 'the retry returned the first application')
    await screenshot(phone, 'phone-8-done')
    await waitForMail(sink.dir, (m) => m.to.includes(mobile.contact.email) && MANAGE_LINK.test(m.text))
    await new Promise((r) => setTimeout(r, 1500))
    const confirmations = readMails(sink.dir).filter((m) => m.to.includes(mobile.contact.email) && MANAGE_LINK.test(m.text))
    assertEqual(confirmations.length, 1, 'one confirmation mail for one application')
  })
  await phoneContext.close()

  await step('no console error, page error or CSP violation on any page', () => {
    if (problems.length) throw new Error(problems.join('\n'))
  })
})
