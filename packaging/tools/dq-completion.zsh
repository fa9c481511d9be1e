# The completion function (appended to the generated tables above by gen-completion.sh).
_dq() {
  local curcontext=$curcontext state line ret=1
  local -a reply
  _dq_specs -
  _arguments -C "${reply[@]}" '1:subcommand:_dq_subcommand_list' '*:: :->args' && ret=0
  if [[ $state == args ]]; then
    curcontext=${curcontext%:*:*}:dq-$line[1]:
    reply=()
    _dq_specs "$line[1]"
    _arguments "${reply[@]}" '*:file:_files' && ret=0
  fi
  return ret
}
_dq "$@"
