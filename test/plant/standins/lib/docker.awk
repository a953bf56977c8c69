# The test plant's `docker` (see docs/test-plant.md and standins/docker): renders and changes the
# scenario's containers. Runs as BEGIN only, so awk never reads its arguments as input; they are
# container files, then "::", then what the command line named.
#
# Environment: MODE (ps | inspect | logs | action) and the variables of common.awk, plus per mode:
#   ps:      PS_ALL, PS_TRUNC, PS_SIZE (0/1)
#   inspect: INSPECT_SIZE (0/1)
#   logs:    LOG_TAIL ("all" or N), LOG_SINCE, LOG_UNTIL (as given), LOG_TIMESTAMPS (0/1),
#            LOG_OFFSET (seconds added to "@" times), SCENARIO_DIR, PG_LOG, PG_MTIME_S, PG_MTIME_N
#   action:  VERB (restart | start | stop | kill | rm), SIGNAL, FORCE (0/1), NEW_PID
BEGIN {
  init_common()
  split_arguments()
  load_containers(1, FILE_COUNT)
  MODE = ENVIRON["MODE"]
  if (MODE == "ps") docker_ps()
  else if (MODE == "inspect") exit docker_inspect()
  else if (MODE == "logs") exit docker_logs()
  else if (MODE == "action") exit docker_action()
  else {
    print "docker stand-in: unknown mode " MODE > "/dev/stderr"
    exit 2
  }
}

function split_arguments(   i) {
  FILE_COUNT = 0
  REF_COUNT = 0
  for (i = 1; i < ARGC; i++) {
    if (ARGV[i] == "::") break
    FILE_COUNT++
  }
  for (i = FILE_COUNT + 2; i < ARGC; i++) REFS[++REF_COUNT] = ARGV[i]
}

# ── docker ps ────────────────────────────────────────────────────────────────────────────────

function status_text(i,   state, health, code, up) {
  state = state_of(i)
  code = C[i, "ExitCode"] + 0
  if (state == "running" || state == "paused") {
    container_time(i, "StartedAt")
    up = "Up " human_duration(seconds_since(T_S, T_N))
    if (state == "paused") return up " (Paused)"
    health = C[i, "Health"]
    if (health == "starting") return up " (health: starting)"
    if (health != "" && health != "none") return up " (" health ")"
    return up
  }
  if (state == "restarting") {
    container_time(i, "FinishedAt")
    return "Restarting (" code ") " human_duration(seconds_since(T_S, T_N)) " ago"
  }
  if (state == "removing") return "Removal In Progress"
  if (state == "dead") return "Dead"
  if (state == "created") return "Created"
  container_time(i, "FinishedAt")
  if (T_ZERO) return ""
  return "Exited (" code ") " human_duration(seconds_since(T_S, T_N)) " ago"
}

# The sources of "source:destination,…" (the Mounts key), as `docker ps` lists them.
function mount_sources(i, trunc,   count, parts, k, source, out) {
  out = ""
  count = split(C[i, "Mounts"], parts, ",")
  for (k = 1; k <= count; k++) {
    source = parts[k]
    sub(/:.*/, "", source)
    if (source == "") continue
    if (trunc) source = ellipsis(source, 15)
    out = out (out == "" ? "" : ",") source
  }
  return out
}

function local_volumes(i,   count, parts, k, total) {
  total = 0
  count = split(C[i, "Mounts"], parts, ",")
  for (k = 1; k <= count; k++) if (parts[k] !~ /^\// && parts[k] != "") total++
  return total
}

function created_seconds(i) {
  container_time(i, "Created")
  return T_S
}

function docker_ps(   order, count, i, j, swap, trunc, line, state, size, rw, root) {
  trunc = ENVIRON["PS_TRUNC"] == "1"
  count = 0
  for (i = 1; i <= CONTAINERS; i++) {
    state = state_of(i)
    if (ENVIRON["PS_ALL"] != "1" && !is_running_state(state)) continue
    order[++count] = i
    CREATED[i] = created_seconds(i)
  }
  # Newest first, like the daemon.
  for (i = 2; i <= count; i++) {
    for (j = i; j > 1 && CREATED[order[j]] > CREATED[order[j - 1]]; j--) {
      swap = order[j]
      order[j] = order[j - 1]
      order[j - 1] = swap
    }
  }
  for (j = 1; j <= count; j++) {
    i = order[j]
    state = state_of(i)
    size = "0B"
    if (ENVIRON["PS_SIZE"] == "1") {
      rw = C[i, "SizeRw"] + 0
      root = C[i, "SizeRootFs"] + 0
      size = human_size(rw)
      if (root > 0) size = size " (virtual " human_size(root) ")"
    }
    line = "{\"Command\":" json_string(go_quote(trunc ? ellipsis(C[i, "Command"], 20) : C[i, "Command"]))
    line = line ",\"CreatedAt\":" json_string(format_go_local(CREATED[i]))
    line = line ",\"ID\":" json_string(trunc ? substr(C[i, "Id"], 1, 12) : C[i, "Id"])
    line = line ",\"Image\":" json_string(C[i, "Image"])
    line = line ",\"Labels\":" json_string(C[i, "Labels"])
    line = line ",\"LocalVolumes\":" json_string(local_volumes(i))
    line = line ",\"Mounts\":" json_string(mount_sources(i, trunc))
    line = line ",\"Names\":" json_string(C[i, "Name"])
    line = line ",\"Networks\":" json_string(C[i, "Networks"])
    line = line ",\"Platform\":null"
    line = line ",\"Ports\":" json_string(state == "running" || state == "paused" ? C[i, "Ports"] : "")
    line = line ",\"RunningFor\":" json_string(human_duration(seconds_since(CREATED[i], 0)) " ago")
    line = line ",\"Size\":" json_string(size)
    line = line ",\"State\":" json_string(state)
    line = line ",\"Status\":" json_string(status_text(i)) "}"
    print line
  }
}

# ── docker inspect: Go's json.Indent of the Engine API document, four spaces per level ──────

function ind(level) {
  return substr("                                                            ", 1, 4 * level)
}

# An object or array is built as numbered entries J[id, k] and rendered once complete.
function put(id, key, value) {
  J[id, ++JN[id]] = json_string(key) ": " value
}

function push(id, value) {
  J[id, ++JN[id]] = value
}

function render(id, level, opener, closer,   k, out) {
  if (!JN[id]) return opener closer
  out = opener
  for (k = 1; k <= JN[id]; k++) out = out "\n" ind(level + 1) J[id, k] (k < JN[id] ? "," : "")
  JN[id] = 0
  return out "\n" ind(level) closer
}

function obj(id, level) { return render(id, level, "{", "}") }
function arr(id, level) { return render(id, level, "[", "]") }

function bool(value) { return value ? "true" : "false" }

# A JSON number as the scenario gives it. Matched as text: mawk turns integers above 2^31 into
# "6.512e+09" when comparing, which would make a 6.5 GB writable layer read 0.
function number(text) { return text ~ /^-?[0-9]+(\.[0-9]+)?$/ ? text : "0" }

function string_array(id, level, text, separator,   parts, count, k) {
  count = split(text, parts, separator)
  for (k = 1; k <= count; k++) if (parts[k] != "") push(id, json_string(parts[k]))
  return arr(id, level)
}

function time_json(i, key) {
  container_time(i, key)
  return json_string(format_rfc3339nano(T_S, T_N))
}

# "0.0.0.0:2345->5432/tcp, [::]:2345->5432/tcp, 9090/tcp" → PORT_COUNT, PORT_KEY[k] ("5432/tcp"),
# PORT_BINDINGS[key] (count), PORT_IP[key, n], PORT_HOST[key, n].
function parse_ports(text,   parts, count, k, entry, arrow, host, key, colon, n) {
  PORT_COUNT = 0
  count = split(text, parts, /, */)
  for (k = 1; k <= count; k++) {
    entry = parts[k]
    if (entry == "") continue
    arrow = index(entry, "->")
    key = arrow ? substr(entry, arrow + 2) : entry
    if (!((key) in PORT_BINDINGS)) {
      PORT_KEY[++PORT_COUNT] = key
      PORT_BINDINGS[key] = 0
    }
    if (!arrow) continue
    host = substr(entry, 1, arrow - 1)
    colon = 0
    for (n = length(host); n > 0; n--) if (substr(host, n, 1) == ":") { colon = n; break }
    n = ++PORT_BINDINGS[key]
    PORT_IP[key, n] = substr(host, 1, colon - 1)
    gsub(/^\[|\]$/, "", PORT_IP[key, n])
    PORT_HOST[key, n] = substr(host, colon + 1)
  }
}

function clear_ports(   k) {
  for (k = 1; k <= PORT_COUNT; k++) delete PORT_BINDINGS[PORT_KEY[k]]
  PORT_COUNT = 0
}

function port_map(id, level, published, with_ip,   k, key, n, binding) {
  for (k = 1; k <= PORT_COUNT; k++) {
    key = PORT_KEY[k]
    if (!PORT_BINDINGS[key]) {
      if (!published) put(id, key, "null")
      continue
    }
    for (n = 1; n <= PORT_BINDINGS[key]; n++) {
      binding = id "b" k "." n
      put(binding, "HostIp", json_string(with_ip ? PORT_IP[key, n] : ""))
      put(binding, "HostPort", json_string(PORT_HOST[key, n]))
      push(id "l" k, obj(binding, level + 2))
    }
    put(id, key, arr(id "l" k, level + 1))
  }
  return obj(id, level)
}

function inspect_state(i, level,   state, running, health) {
  state = state_of(i)
  running = is_running_state(state)
  put("state", "Status", json_string(state))
  put("state", "Running", bool(running))
  put("state", "Paused", bool(state == "paused"))
  put("state", "Restarting", bool(state == "restarting"))
  put("state", "OOMKilled", bool(C[i, "OOMKilled"] == "true"))
  put("state", "Dead", bool(state == "dead"))
  put("state", "Pid", state == "running" || state == "paused" ? number(C[i, "Pid"]) : "0")
  put("state", "ExitCode", number(C[i, "ExitCode"]))
  put("state", "Error", json_string(C[i, "Error"]))
  put("state", "StartedAt", time_json(i, "StartedAt"))
  put("state", "FinishedAt", time_json(i, "FinishedAt"))
  health = C[i, "Health"]
  if (health != "" && health != "none") {
    put("health", "Status", json_string(health))
    put("health", "FailingStreak", health == "unhealthy" ? "3" : "0")
    if (running && health != "starting") {
      put("probe", "Start", json_string(format_rfc3339nano(NOW_S - 5, NOW_N)))
      put("probe", "End", json_string(format_rfc3339nano(NOW_S - 5, NOW_N)))
      put("probe", "ExitCode", health == "healthy" ? "0" : "1")
      put("probe", "Output", json_string(health == "healthy" ? "" : "timeout"))
      push("healthlog", obj("probe", level + 3))
    }
    put("health", "Log", arr("healthlog", level + 2))
    put("state", "Health", obj("health", level + 1))
  }
  return obj("state", level)
}

function inspect_host_config(i, level,   memory, policy) {
  memory = number(C[i, "MemoryLimit"])
  policy = C[i, "RestartPolicy"] == "" ? "no" : C[i, "RestartPolicy"]
  put("hc", "Binds", "null")
  put("hc", "ContainerIDFile", "\"\"")
  put("logcfg", "max-file", "\"3\"")
  put("logcfg", "max-size", "\"50m\"")
  put("log", "Type", "\"json-file\"")
  put("log", "Config", obj("logcfg", level + 2))
  put("hc", "LogConfig", obj("log", level + 1))
  put("hc", "NetworkMode", json_string(C[i, "Networks"]))
  parse_ports(C[i, "Ports"])
  put("hc", "PortBindings", port_map("pb", level + 1, 1, 0))
  clear_ports()
  put("policy", "Name", json_string(policy))
  put("policy", "MaximumRetryCount", "0")
  put("hc", "RestartPolicy", obj("policy", level + 1))
  put("hc", "AutoRemove", "false")
  put("hc", "VolumeDriver", "\"\"")
  put("hc", "VolumesFrom", "null")
  push("console", "0")
  push("console", "0")
  put("hc", "ConsoleSize", arr("console", level + 1))
  put("hc", "CapAdd", "null")
  put("hc", "CapDrop", "null")
  put("hc", "CgroupnsMode", "\"private\"")
  put("hc", "Dns", "[]")
  put("hc", "DnsOptions", "[]")
  put("hc", "DnsSearch", "[]")
  put("hc", "ExtraHosts", "[]")
  put("hc", "GroupAdd", "null")
  put("hc", "IpcMode", "\"private\"")
  put("hc", "Cgroup", "\"\"")
  put("hc", "Links", "null")
  put("hc", "OomScoreAdj", "0")
  put("hc", "PidMode", "\"\"")
  put("hc", "Privileged", "false")
  put("hc", "PublishAllPorts", "false")
  put("hc", "ReadonlyRootfs", "false")
  put("hc", "SecurityOpt", "null")
  put("hc", "UTSMode", "\"\"")
  put("hc", "UsernsMode", "\"\"")
  put("hc", "ShmSize", "67108864")
  put("hc", "Runtime", "\"runc\"")
  put("hc", "Isolation", "\"\"")
  put("hc", "CpuShares", "0")
  put("hc", "Memory", memory)
  put("hc", "NanoCpus", "0")
  put("hc", "CgroupParent", "\"\"")
  put("hc", "BlkioWeight", "0")
  put("hc", "CpuPeriod", "0")
  put("hc", "CpuQuota", "0")
  put("hc", "CpusetCpus", "\"\"")
  put("hc", "CpusetMems", "\"\"")
  put("hc", "Devices", "[]")
  put("hc", "DeviceCgroupRules", "null")
  if (C[i, "Gpus"] != "") {
    put("gpu", "Driver", "\"nvidia\"")
    put("gpu", "Count", "-1")
    put("gpu", "DeviceIDs", "null")
    push("caps", "[\n" ind(level + 5) "\"gpu\"\n" ind(level + 4) "]")
    put("gpu", "Capabilities", arr("caps", level + 3))
    put("gpu", "Options", "{}")
    push("requests", obj("gpu", level + 2))
    put("hc", "DeviceRequests", arr("requests", level + 1))
  } else put("hc", "DeviceRequests", "null")
  put("hc", "MemoryReservation", "0")
  put("hc", "MemorySwap", memory == "0" ? "0" : sprintf("%.0f", memory * 2))
  put("hc", "MemorySwappiness", "null")
  put("hc", "OomKillDisable", "null")
  put("hc", "PidsLimit", "null")
  put("hc", "Ulimits", "[]")
  put("hc", "CpuCount", "0")
  put("hc", "CpuPercent", "0")
  put("hc", "IOMaximumIOps", "0")
  put("hc", "IOMaximumBandwidth", "0")
  put("hc", "MaskedPaths", string_array("masked", level + 1, \
    "/proc/asound /proc/acpi /proc/interrupts /proc/kcore " \
    "/proc/keys /proc/latency_stats /proc/timer_list /proc/timer_stats /proc/sched_debug " \
    "/proc/scsi /sys/firmware /sys/devices/virtual/powercap", " "))
  put("hc", "ReadonlyPaths", string_array("readonly", level + 1, \
    "/proc/bus /proc/fs /proc/irq /proc/sys /proc/sysrq-trigger", " "))
  return obj("hc", level)
}

function inspect_mounts(i, level,   count, parts, k, source, target, colon, id) {
  count = split(C[i, "Mounts"], parts, ",")
  for (k = 1; k <= count; k++) {
    if (parts[k] == "") continue
    colon = index(parts[k], ":")
    source = colon ? substr(parts[k], 1, colon - 1) : parts[k]
    target = colon ? substr(parts[k], colon + 1) : source
    id = "mount" k
    if (source ~ /^\//) {
      put(id, "Type", "\"bind\"")
      put(id, "Source", json_string(source))
      put(id, "Destination", json_string(target))
      put(id, "Mode", "\"\"")
      put(id, "RW", "true")
      put(id, "Propagation", "\"rprivate\"")
    } else {
      put(id, "Type", "\"volume\"")
      put(id, "Name", json_string(source))
      put(id, "Source", json_string("/var/lib/docker/volumes/" source "/_data"))
      put(id, "Destination", json_string(target))
      put(id, "Driver", "\"local\"")
      put(id, "Mode", "\"z\"")
      put(id, "RW", "true")
      put(id, "Propagation", "\"\"")
    }
    push("mounts", obj(id, level + 1))
  }
  return arr("mounts", level)
}

# Compose-style labels as `docker ps` prints them ("a=1,b=x,y"): a comma starts a new label only
# when "key=" follows, so values may hold commas.
function inspect_labels(i, level,   count, parts, k, label, eq, merged, n) {
  count = split(C[i, "Labels"], parts, ",")
  n = 0
  for (k = 1; k <= count; k++) {
    if (n > 0 && parts[k] !~ /^[^,=]+=/) merged[n] = merged[n] "," parts[k]
    else if (parts[k] != "") merged[++n] = parts[k]
  }
  for (k = 1; k <= n; k++) {
    label = merged[k]
    eq = index(label, "=")
    put("labels", substr(label, 1, eq - 1), json_string(substr(label, eq + 1)))
  }
  return obj("labels", level)
}

function inspect_config(i, level,   short, k) {
  short = substr(C[i, "Id"], 1, 12)
  put("cfg", "Hostname", json_string(short))
  put("cfg", "Domainname", "\"\"")
  put("cfg", "User", json_string(C[i, "User"]))
  put("cfg", "AttachStdin", "false")
  put("cfg", "AttachStdout", "true")
  put("cfg", "AttachStderr", "true")
  parse_ports(C[i, "Ports"])
  if (PORT_COUNT > 0) {
    for (k = 1; k <= PORT_COUNT; k++) put("exposed", PORT_KEY[k], "{}")
    put("cfg", "ExposedPorts", obj("exposed", level + 1))
  }
  clear_ports()
  put("cfg", "Tty", "false")
  put("cfg", "OpenStdin", "false")
  put("cfg", "StdinOnce", "false")
  put("cfg", "Env", string_array("env", level + 1, \
    "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    (C[i, "Env"] == "" ? "" : "\t" C[i, "Env"]), "\t"))
  put("cfg", "Cmd", string_array("cmd", level + 1, C[i, "Command"], " "))
  put("cfg", "Image", json_string(C[i, "Image"]))
  put("cfg", "Volumes", "null")
  put("cfg", "WorkingDir", json_string(C[i, "WorkingDir"]))
  put("cfg", "Entrypoint", "null")
  put("cfg", "OnBuild", "null")
  put("cfg", "Labels", inspect_labels(i, level + 1))
  return obj("cfg", level)
}

function inspect_network(i, level, running,   name, short, id) {
  short = substr(C[i, "Id"], 1, 12)
  put("ns", "Bridge", "\"\"")
  put("ns", "SandboxID", json_string(running ? C[i, "Id"] : ""))
  put("ns", "SandboxKey", json_string(running ? "/var/run/docker/netns/" short : ""))
  parse_ports(running ? C[i, "Ports"] : "")
  put("ns", "Ports", port_map("nsports", level + 1, 0, 1))
  clear_ports()
  put("ns", "HairpinMode", "false")
  put("ns", "LinkLocalIPv6Address", "\"\"")
  put("ns", "LinkLocalIPv6PrefixLen", "0")
  put("ns", "SecondaryIPAddresses", "null")
  put("ns", "SecondaryIPv6Addresses", "null")
  put("ns", "EndpointID", "\"\"")
  put("ns", "Gateway", "\"\"")
  put("ns", "GlobalIPv6Address", "\"\"")
  put("ns", "GlobalIPv6PrefixLen", "0")
  put("ns", "IPAddress", "\"\"")
  put("ns", "IPPrefixLen", "0")
  put("ns", "IPv6Gateway", "\"\"")
  put("ns", "MacAddress", "\"\"")
  name = C[i, "Networks"]
  if (name != "") {
    id = "net"
    put(id, "IPAMConfig", "null")
    put(id, "Links", "null")
    push("aliases", json_string(C[i, "Name"]))
    push("aliases", json_string(short))
    put(id, "Aliases", arr("aliases", level + 3))
    put(id, "MacAddress", json_string(running ? sprintf("02:42:ac:12:00:%02x", i + 1) : ""))
    put(id, "DriverOpts", "null")
    put(id, "GwPriority", "0")
    put(id, "NetworkID", json_string(ENVIRON["NETWORK_ID"]))
    put(id, "EndpointID", json_string(running ? C[i, "Id"] : ""))
    put(id, "Gateway", json_string(running ? "172.18.0.1" : ""))
    put(id, "IPAddress", json_string(running ? "172.18.0." (i + 1) : ""))
    put(id, "IPPrefixLen", running ? "16" : "0")
    put(id, "IPv6Gateway", "\"\"")
    put(id, "GlobalIPv6Address", "\"\"")
    put(id, "GlobalIPv6PrefixLen", "0")
    push("dns", json_string(C[i, "Name"]))
    push("dns", json_string(short))
    put(id, "DNSNames", arr("dns", level + 3))
    put("networks", name, obj(id, level + 2))
  }
  put("ns", "Networks", obj("networks", level + 1))
  return obj("ns", level)
}

function inspect_document(i, level, with_size,   id, words, count, k, state, running, layer) {
  id = C[i, "Id"]
  state = state_of(i)
  running = state == "running" || state == "paused"
  count = split(C[i, "Command"], words, " ")
  layer = "/var/lib/docker/overlay2/" id
  put("doc", "Id", json_string(id))
  put("doc", "Created", time_json(i, "Created"))
  put("doc", "Path", json_string(words[1]))
  for (k = 2; k <= count; k++) push("args", json_string(words[k]))
  put("doc", "Args", arr("args", level + 1))
  put("doc", "State", inspect_state(i, level + 1))
  put("doc", "Image", json_string(C[i, "ImageId"]))
  put("doc", "ResolvConfPath", json_string("/var/lib/docker/containers/" id "/resolv.conf"))
  put("doc", "HostnamePath", json_string("/var/lib/docker/containers/" id "/hostname"))
  put("doc", "HostsPath", json_string("/var/lib/docker/containers/" id "/hosts"))
  put("doc", "LogPath", json_string("/var/lib/docker/containers/" id "/" id "-json.log"))
  put("doc", "Name", json_string("/" C[i, "Name"]))
  put("doc", "RestartCount", number(C[i, "RestartCount"]))
  put("doc", "Driver", "\"overlay2\"")
  put("doc", "Platform", "\"linux\"")
  put("doc", "MountLabel", "\"\"")
  put("doc", "ProcessLabel", "\"\"")
  put("doc", "AppArmorProfile", "\"docker-default\"")
  put("doc", "ExecIDs", "null")
  put("doc", "HostConfig", inspect_host_config(i, level + 1))
  put("gdata", "ID", json_string(id))
  put("gdata", "LowerDir", json_string(layer "-init/diff"))
  put("gdata", "MergedDir", json_string(layer "/merged"))
  put("gdata", "UpperDir", json_string(layer "/diff"))
  put("gdata", "WorkDir", json_string(layer "/work"))
  put("graph", "Data", obj("gdata", level + 2))
  put("graph", "Name", "\"overlay2\"")
  put("doc", "GraphDriver", obj("graph", level + 1))
  if (with_size) {
    put("doc", "SizeRw", number(C[i, "SizeRw"]))
    put("doc", "SizeRootFs", number(C[i, "SizeRootFs"]))
  }
  put("doc", "Mounts", inspect_mounts(i, level + 1))
  put("doc", "Config", inspect_config(i, level + 1))
  put("doc", "NetworkSettings", inspect_network(i, level + 1, running))
  return obj("doc", level)
}

function docker_inspect(   k, i, errors, status) {
  status = 0
  errors = ""
  for (k = 1; k <= REF_COUNT; k++) {
    i = find_container(REFS[k])
    if (!i) {
      errors = errors "Error: No such object: " REFS[k] "\n"
      status = 1
      continue
    }
    push("top", inspect_document(i, 1, ENVIRON["INSPECT_SIZE"] == "1"))
  }
  print arr("top", 0)
  if (errors != "") printf "%s", errors > "/dev/stderr"
  return status
}

# ── docker logs ──────────────────────────────────────────────────────────────────────────────

# Docker's --since/--until (timetypes.GetTimestamp): a Go duration before now, Unix seconds, or an
# RFC 3339 time (local when it names no zone). Returns the fixed-width UTC text to compare with.
function log_bound(text, name,   total, rest, amount, unit, scale, value, whole) {
  if (text == "") return ""
  if (text != "0" && text ~ /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/) {
    total = 0
    rest = text
    while (match(rest, /^[0-9]+(\.[0-9]+)?/)) {
      amount = substr(rest, 1, RLENGTH) + 0
      rest = substr(rest, RLENGTH + 1)
      match(rest, /^(ns|us|µs|ms|s|m|h)/)
      unit = substr(rest, 1, RLENGTH)
      rest = substr(rest, RLENGTH + 1)
      scale = unit == "h" ? 3600 : unit == "m" ? 60 : unit == "s" ? 1 : unit == "ms" ? 0.001 \
        : unit == "ns" ? 0.000000001 : 0.000001
      total += amount * scale
    }
    # The CLI turns a duration into whole Unix seconds.
    whole = NOW_S - total
    value = int(whole)
    if (value > whole) value--
    return format_fixed_nano(value, 0)
  }
  if (text ~ /^[0-9]+(\.[0-9]+)?$/) {
    T_S = 0
    T_N = 0
    add_seconds(text)
    return format_fixed_nano(T_S, T_N)
  }
  if (parse_rfc3339(text, 1)) return format_fixed_nano(T_S, T_N)
  printf "invalid value for \"%s\": failed to parse value as time or duration: \"%s\"\n", name, \
    text > "/dev/stderr"
  exit 1
}

function emit_log(stream, stamp, text) {
  if (stream != LAST_STREAM && LAST_STREAM != "") fflush()
  LAST_STREAM = stream
  if (ENVIRON["LOG_TIMESTAMPS"] == "1") text = stamp " " text
  if (stream == "stderr") print text > "/dev/stderr"
  else print text
}

function keep_line(stream, stamp, text) {
  LINES++
  L_STREAM[LINES] = stream
  L_STAMP[LINES] = stamp
  L_TEXT[LINES] = text
}

# One scenario line: "<time> <stdout|stderr> <text>"; "@" times move with LOG_OFFSET.
function read_scenario_log(file,   line, space, when, rest, stream, text) {
  while ((getline line < file) > 0) {
    space = index(line, " ")
    if (!space) continue
    when = substr(line, 1, space - 1)
    rest = substr(line, space + 1)
    stream = substr(rest, 1, 6)
    if (stream != "stdout" && stream != "stderr") continue
    if (length(rest) > 6 && substr(rest, 7, 1) != " ") continue
    text = substr(rest, 8)
    if (!parse_time(when)) continue
    if (when ~ /^@/ && ENVIRON["LOG_OFFSET"] != "") add_seconds(ENVIRON["LOG_OFFSET"])
    keep_line(stream, format_fixed_nano(T_S, T_N), render_placeholders(text, T_S, T_N))
  }
  close(file)
}

# The node's real PostgreSQL log, all on stderr. A line is stamped with PostgreSQL's own
# "2026-02-18 21:40:01.123 UTC" prefix; lines without one (continuations) take the previous
# stamp, and lines before the first stamp the file's modification time.
function read_postgres_log(file,   line, stamp) {
  stamp = format_fixed_nano(ENVIRON["PG_MTIME_S"] + 0, ENVIRON["PG_MTIME_N"] + 0)
  while ((getline line < file) > 0) {
    if (line ~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9](\.[0-9]+)? (UTC|GMT) /) {
      match(line, / (UTC|GMT) /)
      if (parse_rfc3339(substr(line, 1, RSTART - 1) "Z", 0)) stamp = format_fixed_nano(T_S, T_N)
    }
    keep_line("stderr", stamp, line)
  }
  close(file)
}

function docker_logs(   i, first, k, since, until, tail) {
  i = find_container(REFS[1])
  if (!i) {
    print "Error response from daemon: No such container: " REFS[1] > "/dev/stderr"
    return 1
  }
  since = log_bound(ENVIRON["LOG_SINCE"], "since")
  until = log_bound(ENVIRON["LOG_UNTIL"], "until")
  LINES = 0
  if (C[i, "plant.logs"] == "postgres") read_postgres_log(ENVIRON["PG_LOG"])
  else read_scenario_log(ENVIRON["SCENARIO_DIR"] "/logs/" C[i, "Name"] ".log")
  # Like the json-file driver: --tail picks the last lines first, then --since/--until filter.
  tail = ENVIRON["LOG_TAIL"]
  first = tail == "all" ? 1 : LINES - tail + 1
  if (first < 1) first = 1
  for (k = first; k <= LINES; k++) {
    if (since != "" && L_STAMP[k] < since) continue
    if (until != "" && L_STAMP[k] > until) continue
    emit_log(L_STREAM[k], L_STAMP[k], L_TEXT[k])
  }
  return 0
}

# ── restart / start / stop / kill / rm ──────────────────────────────────────────────────────
# Writes each changed container to a temporary file and tells the shell what to do, one line
# each: "MV\t<temporary>\t<file>", "RM\t<file>", "SCOPE\t<id>" (drop its cgroup),
# "OUT\t<name as given>"; errors come last as "ERR\t<message>".

function exit_code_of_signal(signal) {
  sub(/^SIG/, "", signal)
  if (signal == "KILL" || signal == "9") return 137
  if (signal == "TERM" || signal == "15") return 143
  if (signal == "INT" || signal == "2") return 130
  if (signal == "QUIT" || signal == "3") return 131
  return -1
}

function rewrite(i,   file, temporary, line, eq, key, seen) {
  file = C[i, "_file"]
  temporary = file
  sub(/[^\/]*$/, "", temporary)
  temporary = temporary "." C[i, "Name"] ".tmp." ENVIRON["NEW_PID"]
  while ((getline line < file) > 0) {
    eq = index(line, "=")
    key = eq > 1 && line !~ /^[ \t]*#/ ? substr(line, 1, eq - 1) : ""
    if (key != "" && (key in CHANGE)) {
      if (!(key in seen)) print key "=" CHANGE[key] > temporary
      seen[key] = 1
    } else print line > temporary
  }
  close(file)
  for (key in CHANGE) if (!(key in seen)) print key "=" CHANGE[key] > temporary
  close(temporary)
  print "MV\t" temporary "\t" file
  for (key in CHANGE) delete CHANGE[key]
}

function start_fields(now) {
  CHANGE["State"] = "running"
  CHANGE["StartedAt"] = now
  CHANGE["ExitCode"] = "0"
  CHANGE["OOMKilled"] = "false"
  CHANGE["Pid"] = ENVIRON["NEW_PID"]
  # A manual start or restart resets the restart policy's count (moby ResetRestartManager(true)).
  CHANGE["RestartCount"] = "0"
}

function stop_fields(now, code) {
  CHANGE["State"] = "exited"
  CHANGE["FinishedAt"] = now
  CHANGE["ExitCode"] = code
  CHANGE["Pid"] = "0"
}

function docker_action(   verb, now, k, ref, i, state, running, code, errors, status) {
  verb = ENVIRON["VERB"]
  now = format_rfc3339nano(NOW_S, NOW_N)
  errors = ""
  status = 0
  for (k = 1; k <= REF_COUNT; k++) {
    ref = REFS[k]
    i = find_container(ref)
    if (!i) {
      errors = errors "ERR\tError response from daemon: No such container: " ref "\n"
      status = 1
      continue
    }
    state = state_of(i)
    running = is_running_state(state)
    if (verb == "kill" && !running) {
      errors = errors "ERR\tError response from daemon: cannot kill container: " ref \
        ": container " C[i, "Id"] " is not running\n"
      status = 1
      continue
    }
    if (verb == "rm" && running && ENVIRON["FORCE"] != "1") {
      errors = errors "ERR\tError response from daemon: cannot remove container \"/" C[i, "Name"] \
        "\": container is " state ": stop the container before removing or force remove\n"
      status = 1
      continue
    }
    if (verb == "restart") {
      if (running) CHANGE["FinishedAt"] = now
      start_fields(now)
      rewrite(i)
      print "SCOPE\t" C[i, "Id"]
    } else if (verb == "start" && !running) {
      start_fields(now)
      rewrite(i)
      print "SCOPE\t" C[i, "Id"]
    } else if (verb == "stop" && running) {
      stop_fields(now, state == "restarting" ? C[i, "ExitCode"] + 0 : 0)
      rewrite(i)
      print "SCOPE\t" C[i, "Id"]
    } else if (verb == "kill") {
      code = exit_code_of_signal(ENVIRON["SIGNAL"])
      if (code >= 0) {
        stop_fields(now, code)
        rewrite(i)
        print "SCOPE\t" C[i, "Id"]
      }
    } else if (verb == "rm") {
      print "RM\t" C[i, "_file"]
      print "SCOPE\t" C[i, "Id"]
    }
    print "OUT\t" ref
  }
  printf "%s", errors
  return status
}
