# Shared by the test plant's docker stand-in (see docs/test-plant.md): time, JSON and the scenario's
# container files. POSIX awk as mawk runs it: no strftime/mktime, no gensub, no regex intervals,
# and every number stays below 2^53 (a moment is whole seconds plus nanoseconds, kept apart).
#
# Environment (set by the stand-in): NOW_S, NOW_N (the current time), ORIGIN_S (when the plant
# started: "@SECONDS" times count from it), TZ_OFFSET ("-0300"), TZ_ABBR ("-03").

function init_common() {
  NOW_S = ENVIRON["NOW_S"] + 0
  NOW_N = ENVIRON["NOW_N"] + 0
  ORIGIN_S = ENVIRON["ORIGIN_S"] + 0
  TZ_OFFSET = ENVIRON["TZ_OFFSET"]
  TZ_ABBR = ENVIRON["TZ_ABBR"]
  if (TZ_OFFSET !~ /^[-+][0-9][0-9][0-9][0-9]$/) TZ_OFFSET = "+0000"
  if (TZ_ABBR == "") TZ_ABBR = "UTC"
  TZ_SECONDS = (substr(TZ_OFFSET, 2, 2) * 3600 + substr(TZ_OFFSET, 4, 2) * 60)
  if (substr(TZ_OFFSET, 1, 1) == "-") TZ_SECONDS = -TZ_SECONDS
  GO_ZERO_S = -62135596800
  split("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec", MONTH_NAME, " ")
}

# ── calendar arithmetic (Howard Hinnant's days_from_civil / civil_from_days) ────────────────

function floor_div(a, b,   q) {
  q = int(a / b)
  if (q * b > a) q--
  return q
}

function days_from_civil(y, m, d,   era, yoe, doy, doe) {
  if (m <= 2) y--
  era = floor_div(y, 400)
  yoe = y - era * 400
  doy = int((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1
  doe = yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

# Sets CAL_Y CAL_M CAL_D CAL_H CAL_MI CAL_S for whole seconds since 1970 (UTC).
function split_seconds(s,   z, secs, era, doe, yoe, doy, mp) {
  z = floor_div(s, 86400)
  secs = s - z * 86400
  CAL_H = int(secs / 3600)
  CAL_MI = int((secs % 3600) / 60)
  CAL_S = secs % 60
  z += 719468
  era = floor_div(z, 146097)
  doe = z - era * 146097
  yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
  doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
  mp = int((5 * doy + 2) / 153)
  CAL_D = doy - int((153 * mp + 2) / 5) + 1
  CAL_M = mp < 10 ? mp + 3 : mp - 9
  CAL_Y = yoe + era * 400 + (CAL_M <= 2 ? 1 : 0)
}

# ── moments: T_S (seconds) and T_N (nanoseconds) ─────────────────────────────────────────────

# "123" → 123000000: a decimal fraction as nanoseconds, cut after nine digits.
function fraction_ns(digits) {
  return substr(digits "000000000", 1, 9) + 0
}

# Adds "[+-]SECONDS[.FRACTION]" to T_S/T_N; returns 0 when the text is no such number.
function add_seconds(text,   sign, whole, frac, dot) {
  sign = 1
  if (text ~ /^[-+]/) {
    if (substr(text, 1, 1) == "-") sign = -1
    text = substr(text, 2)
  }
  if (text !~ /^[0-9]+(\.[0-9]+)?$/) return 0
  dot = index(text, ".")
  whole = dot ? substr(text, 1, dot - 1) + 0 : text + 0
  frac = dot ? fraction_ns(substr(text, dot + 1)) : 0
  T_S += sign * whole
  T_N += sign * frac
  if (T_N < 0) { T_N += 1000000000; T_S-- }
  if (T_N >= 1000000000) { T_N -= 1000000000; T_S++ }
  return 1
}

# Parses a scenario time: "@[+-]SECONDS[.F]" (from the plant's start), RFC 3339 with "Z" or an
# offset, or Go's zero time. Sets T_S, T_N and T_ZERO; returns 0 when it cannot read the text.
function parse_time(text) {
  T_ZERO = 0
  if (text ~ /^@/) {
    T_S = ORIGIN_S
    T_N = 0
    return add_seconds(substr(text, 2))
  }
  return parse_rfc3339(text, 0)
}

# RFC 3339 ("2026-02-18T21:40:00.123456789Z", "…-03:00"); with allow_local, also without a zone
# (read as the node's local time) or as a bare date, the way `docker logs --since` reads them.
function parse_rfc3339(text, allow_local,   rest, frac, zone, y, m, d, hh, mi, ss, off) {
  T_ZERO = 0
  if (text ~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$/ && allow_local) text = text "T00:00:00"
  if (text !~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9][T ][0-9][0-9]:[0-9][0-9]:[0-9][0-9]/) {
    return 0
  }
  y = substr(text, 1, 4) + 0
  m = substr(text, 6, 2) + 0
  d = substr(text, 9, 2) + 0
  hh = substr(text, 12, 2) + 0
  mi = substr(text, 15, 2) + 0
  ss = substr(text, 18, 2) + 0
  if (m < 1 || m > 12 || d < 1 || d > 31 || hh > 23 || mi > 59 || ss > 60) return 0
  rest = substr(text, 20)
  frac = 0
  if (rest ~ /^\.[0-9]+/) {
    match(rest, /^\.[0-9]+/)
    frac = fraction_ns(substr(rest, 2, RLENGTH - 1))
    rest = substr(rest, RLENGTH + 1)
  }
  if (rest == "Z" || rest == "z") off = 0
  else if (rest ~ /^[-+][0-9][0-9]:[0-9][0-9]$/) {
    off = substr(rest, 2, 2) * 3600 + substr(rest, 5, 2) * 60
    if (substr(rest, 1, 1) == "-") off = -off
  } else if (rest == "" && allow_local) off = TZ_SECONDS
  else return 0
  T_S = days_from_civil(y, m, d) * 86400 + hh * 3600 + mi * 60 + ss - off
  T_N = frac
  if (T_S == GO_ZERO_S && T_N == 0) T_ZERO = 1
  return 1
}

function pad2(n) { return sprintf("%02d", n) }

function ymd_hms(s, date_separator, middle) {
  split_seconds(s)
  return sprintf("%04d%s%02d%s%02d%s%02d:%02d:%02d", CAL_Y, date_separator, CAL_M, \
    date_separator, CAL_D, middle, CAL_H, CAL_MI, CAL_S)
}

# Docker's log timestamps: RFC 3339 with exactly nine fraction digits, in UTC.
function format_fixed_nano(s, n) {
  return ymd_hms(s, "-", "T") sprintf(".%09d", n) "Z"
}

# Go's time.Time in JSON (RFC3339Nano): trailing zeros of the fraction are dropped.
function format_rfc3339nano(s, n,   frac) {
  if (s == GO_ZERO_S && n == 0) return "0001-01-01T00:00:00Z"
  frac = ""
  if (n > 0) {
    frac = sprintf("%09d", n)
    sub(/0+$/, "", frac)
    frac = "." frac
  }
  return ymd_hms(s, "-", "T") frac "Z"
}

# `docker ps` CreatedAt: Go's time.Time.String() in the node's zone, whole seconds.
function format_go_local(s) {
  return ymd_hms(s + TZ_SECONDS, "-", " ") " " TZ_OFFSET " " TZ_ABBR
}

function milliseconds(n) { return sprintf("%03d", int(n / 1000000)) }

# Renders a moment in an application's own log format (the %{NAME} placeholders of scenario
# logs); an unknown name comes back unchanged.
function format_app_time(name, s, n,   hour12) {
  if (name == "iso") return ymd_hms(s, "-", "T") "." milliseconds(n) "Z"
  if (name == "python") return ymd_hms(s, "-", " ") "," milliseconds(n)
  if (name == "gunicorn") return ymd_hms(s, "-", " ") " +0000"
  if (name == "pg") return ymd_hms(s, "-", " ") "." milliseconds(n) " UTC"
  if (name == "rabbitmq") return ymd_hms(s, "-", " ") sprintf(".%06d", int(n / 1000)) "+00:00"
  if (name == "go") return ymd_hms(s, "/", " ")
  if (name == "rfc3339") return ymd_hms(s, "-", "T") "Z"
  split_seconds(s)
  if (name == "redis") {
    return sprintf("%02d %s %04d %02d:%02d:%02d.%s", CAL_D, MONTH_NAME[CAL_M], CAL_Y, CAL_H, CAL_MI, \
      CAL_S, milliseconds(n))
  }
  if (name == "clf") {
    return sprintf("%02d/%s/%04d:%02d:%02d:%02d +0000", CAL_D, MONTH_NAME[CAL_M], CAL_Y, CAL_H, \
      CAL_MI, CAL_S)
  }
  if (name == "klog") {
    return sprintf("%02d%02d %02d:%02d:%02d.%06d", CAL_M, CAL_D, CAL_H, CAL_MI, CAL_S, int(n / 1000))
  }
  if (name == "zerolog") {
    hour12 = CAL_H % 12
    if (hour12 == 0) hour12 = 12
    return sprintf("%04d/%02d/%02d %02d:%02d%s", CAL_Y, CAL_M, CAL_D, hour12, CAL_MI, \
      CAL_H < 12 ? "AM" : "PM")
  }
  if (name == "nest") {
    hour12 = CAL_H % 12
    if (hour12 == 0) hour12 = 12
    return sprintf("%02d/%02d/%04d, %d:%02d:%02d %s", CAL_M, CAL_D, CAL_Y, hour12, CAL_MI, CAL_S, \
      CAL_H < 12 ? "AM" : "PM")
  }
  return "%{" name "}"
}

# "%{python}" and friends in a scenario log line, replaced by the line's own time; "%{python+259200}"
# shifts it first (an application whose own clock is three days ahead).
function render_placeholders(text, s, n,   out, name, shift, saved_s, saved_n) {
  out = ""
  while (match(text, /%\{[a-z0-9]+([-+][0-9]+(\.[0-9]+)?)?\}/)) {
    name = substr(text, RSTART + 2, RLENGTH - 3)
    shift = ""
    if (match(name, /[-+]/)) {
      shift = substr(name, RSTART)
      name = substr(name, 1, RSTART - 1)
    }
    match(text, /%\{[a-z0-9]+([-+][0-9]+(\.[0-9]+)?)?\}/)
    saved_s = T_S
    saved_n = T_N
    T_S = s
    T_N = n
    if (shift != "") add_seconds(shift)
    out = out substr(text, 1, RSTART - 1) format_app_time(name, T_S, T_N)
    T_S = saved_s
    T_N = saved_n
    text = substr(text, RSTART + RLENGTH)
  }
  return out text
}

# Seconds from the moment to now, as a float (only used for human-readable durations).
function seconds_since(s, n) {
  return (NOW_S - s) + (NOW_N - n) / 1000000000
}

# go-units HumanDuration, as `docker ps` prints "Up 2 weeks" and "3 hours ago".
function human_duration(d,   seconds, minutes, hours) {
  seconds = int(d)
  if (seconds < 1) return "Less than a second"
  if (seconds == 1) return "1 second"
  if (seconds < 60) return seconds " seconds"
  minutes = int(d / 60)
  if (minutes == 1) return "About a minute"
  if (minutes < 60) return minutes " minutes"
  hours = int(d / 3600 + 0.5)
  if (hours == 1) return "About an hour"
  if (hours < 48) return hours " hours"
  if (hours < 24 * 7 * 2) return int(hours / 24) " days"
  if (hours < 24 * 30 * 2) return int(hours / 24 / 7) " weeks"
  if (hours < 24 * 365 * 2) return int(hours / 24 / 30) " months"
  return int(int(d / 3600) / 24 / 365) " years"
}

# go-units HumanSizeWithPrecision(size, 3): decimal units, "%.3g".
function human_size(size,   units, count, i) {
  count = split("B kB MB GB TB PB EB ZB YB", units, " ")
  i = 1
  while (size >= 1000 && i < count) {
    size /= 1000
    i++
  }
  return sprintf("%.3g", size) units[i]
}

# ── JSON ─────────────────────────────────────────────────────────────────────────────────────

# A JSON string as Go's encoding/json writes it: <, > and & escaped as \u003c, \u003e, \u0026.
function json_string(text) {
  gsub(/\\/, "\\\\", text)
  gsub(/"/, "\\\"", text)
  gsub(/\t/, "\\t", text)
  gsub(/\r/, "\\r", text)
  gsub(/\n/, "\\n", text)
  gsub(/</, "\\u003c", text)
  gsub(/>/, "\\u003e", text)
  gsub(/&/, "\\u0026", text)
  return "\"" text "\""
}

# strconv.Quote for plain text: what `docker ps` does to a command before JSON-encoding it.
function go_quote(text) {
  gsub(/\\/, "\\\\", text)
  gsub(/"/, "\\\"", text)
  return "\"" text "\""
}

# formatter.Ellipsis: at most `width` characters, the last one "…" when cut (ASCII text).
function ellipsis(text, width) {
  if (length(text) <= width) return text
  return substr(text, 1, width - 1) "…"
}

# ── the scenario's containers: one key=value file each under scenario/containers/ ──────────

# Reads every file named in ARGV[first..last]; a file that vanished meanwhile is skipped.
# Sets CONTAINERS (count) and C[i, key], C[i, "_file"].
function load_containers(first, last,   i, file, line, eq, key, count) {
  count = 0
  for (i = first; i <= last; i++) {
    file = ARGV[i]
    if ((getline line < file) <= 0) continue
    count++
    C[count, "_file"] = file
    do {
      if (line ~ /^[ \t]*(#|$)/) continue
      eq = index(line, "=")
      if (eq < 2) continue
      key = substr(line, 1, eq - 1)
      C[count, key] = substr(line, eq + 1)
      C[count, "_has", key] = 1
    } while ((getline line < file) > 0)
    close(file)
  }
  CONTAINERS = count
}

# Docker's lookup: full ID, then name, then a unique ID prefix. 0 when nothing (or more than one
# container) matches.
function find_container(ref,   i, found) {
  for (i = 1; i <= CONTAINERS; i++) if (C[i, "Id"] == ref) return i
  for (i = 1; i <= CONTAINERS; i++) if (C[i, "Name"] == ref || "/" C[i, "Name"] == ref) return i
  if (ref !~ /^[0-9a-f]+$/) return 0
  found = 0
  for (i = 1; i <= CONTAINERS; i++) {
    if (index(C[i, "Id"], ref) == 1) {
      if (found) return 0
      found = i
    }
  }
  return found
}

function state_of(i,   state) {
  state = C[i, "State"]
  return state == "" ? "running" : state
}

function is_running_state(state) {
  return state == "running" || state == "paused" || state == "restarting"
}

# Loads a container time field into T_S/T_N/T_ZERO; empty or unreadable means Go's zero time.
function container_time(i, key) {
  if (C[i, key] == "" || !parse_time(C[i, key])) {
    T_S = GO_ZERO_S
    T_N = 0
    T_ZERO = 1
  }
}
