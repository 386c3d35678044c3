-- wrk script of the `apply` benchmark: every request submits a distinct valid team application (the hospital name
-- and the e-mails carry the thread number and a per-thread counter). Each thread appends the references of its 201
-- answers to REFS_DIR/refs-<thread>.txt; done() prints one JSON line with the counts and latency percentiles.
-- Environment: SESSION_IDS (comma-separated open session ids), PRIVACY_VERSION, YEAR_KEY, REFS_DIR, RUN_TAG.

local threads = {}
local next_thread = 1

function setup(thread)
  thread:set("tid", next_thread)
  next_thread = next_thread + 1
  table.insert(threads, thread)
end

local counter = 0
created = 0  -- globals: done() reads them through thread:get
rejected = 0
local refs = nil
local template = nil

local function member(name, kana, profession, dept, years, email)
  return string.format(
    '{"name":"%s","name_kana":"%s","profession":"%s","department":"%s","years_of_experience":%d,"email":"%s"}',
    name, kana, profession, dept, years, email)
end

function init(args)
  local sessions = {}
  for id in string.gmatch(os.getenv("SESSION_IDS") or "", "[^,]+") do
    table.insert(sessions, '"' .. id .. '"')
  end
  local prefs = table.concat({ sessions[1], sessions[2] }, ",")
  local tag = os.getenv("RUN_TAG") or "r"
  -- %H: hospital suffix, %E: e-mail suffix (both unique per request)
  template = '{"program_year":"' .. (os.getenv("YEAR_KEY") or "demo") .. '",'
    .. '"hospital":{"name":"ベンチ病院 %H","name_kana":"ベンチビョウイン","prefecture_code":13,'
    .. '"postal_code":"100-0001","address":"東京都千代田区千代田1-1","phone":"03-1234-5678",'
    .. '"critical_care_center":"advanced","advanced_treatment_hospital":true,"ecmo_cases_last_year":{"vv":3,"va":4}},'
    .. '"contact":{"name":"山田 太郎","name_kana":"ヤマダ タロウ","department":"救急科",'
    .. '"email":"contact.%E@example.jp","phone":"03-1234-5678"},'
    .. '"members":['
    .. member("山田 太郎", "ヤマダ タロウ", "doctor", "救急科", 10, "doctor.%E@example.jp") .. ","
    .. member("鈴木 花子", "スズキ ハナコ", "nurse", "ICU", 8, "nurse1.%E@example.jp") .. ","
    .. member("佐藤 次郎", "サトウ ジロウ", "nurse", "ICU", 5, "nurse2.%E@example.jp") .. ","
    .. member("田中 三郎", "タナカ サブロウ", "clinical_engineer", "ME", 7, "me.%E@example.jp")
    .. '],"preferences":{"any_session":false,"session_ids":[' .. prefs .. ']},'
    .. '"consents":{"privacy_notice_version":"' .. (os.getenv("PRIVACY_VERSION") or "") .. '","no_recording":true}}'
  template = string.gsub(template, "%%H", tag .. "-" .. tid .. "-%%d")
  local dir = os.getenv("REFS_DIR")
  if dir then
    refs = io.open(dir .. "/refs-" .. tid .. ".txt", "w")
    refs:setvbuf("line")
  end
end

function request()
  counter = counter + 1
  local suffix = tid .. "x" .. counter
  local body = string.gsub(template, "%%d", counter)
  body = string.gsub(body, "%%E", suffix)
  return wrk.format("POST", "/api/applications", { ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
    if refs then
      local ref = string.match(body, '"reference":"([^"]+)"')
      if ref then refs:write(ref, "\n") end
    end
  else
    rejected = rejected + 1
    if rejected <= 3 then io.stderr:write("apply: HTTP ", status, " ", body, "\n") end
  end
end

function done(summary, latency, requests)
  local c, r = 0, 0
  for _, t in ipairs(threads) do
    c = c + (t:get("created") or 0)
    r = r + (t:get("rejected") or 0)
  end
  io.write(string.format(
    '{"created":%d,"rejected":%d,"requests":%d,"duration_us":%d,"errors_connect":%d,"errors_read":%d,'
      .. '"errors_write":%d,"errors_status":%d,"errors_timeout":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d}\n',
    c, r, summary.requests, summary.duration, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max))
end
