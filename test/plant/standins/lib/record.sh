# Sourced by every stand-in (docs/test-plant.md): appends the call to <node>/commands.log as
# "<UTC time><TAB><program><TAB><arg><TAB><arg>...", one line per call, so tests can check exactly
# what a node was asked. An argument holding a tab or a line break makes its line ambiguous; the
# control room never sends one. Recording never makes a stand-in fail.
record_command() {
  record_line=$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)
  for record_argument in "$@"; do
    record_line="$record_line	$record_argument"
  done
  record_file="$VK_PLANT_DIR/$VK_NODE/commands.log"
  if [ -w "$record_file" ]; then
    printf '%s\n' "$record_line" >>"$record_file"
  fi
}
