# The completion function (appended to the generated tables above by gen-completion.sh).
# Words come from COMP_LINE, so "idx:DIR" stays one word whatever COMP_WORDBREAKS holds.
_dq() {
  local line=${COMP_LINE:0:COMP_POINT} cur="" sub=- prev="" i w value=""
  local -a words
  read -ra words <<<"$line"
  if [[ $line != *[[:space:]] && ${#words[@]} -gt 0 ]]; then
    cur=${words[-1]}
    unset 'words[-1]'
  fi
  for ((i = 1; i < ${#words[@]}; i++)); do
    w=${words[i]}
    if [[ -n $(_dq_value "$sub" "$w") ]]; then
      ((i++)) # the option's value
    elif [[ $sub == - && " $_dq_subcommands " == *" $w "* ]]; then
      sub=$w
    fi
  done
  ((${#words[@]} > 1)) && prev=${words[-1]}

  local kind="" typed=$cur
  if [[ $cur == --*=* ]]; then
    kind=$(_dq_value "$sub" "${cur%%=*}")
    typed=${cur#*=}
  elif [[ -n $prev && $prev == -* && -n $(_dq_value "$sub" "$prev") ]]; then
    kind=$(_dq_value "$sub" "$prev")
  fi

  COMPREPLY=()
  case $kind in
    dataset)
      if [[ $typed == *:* ]]; then
        local p
        while IFS= read -r p; do COMPREPLY+=("${typed%%:*}:$p"); done < <(compgen -f -- "${typed#*:}")
        compopt -o filenames 2>/dev/null
      else
        COMPREPLY=($(compgen -W "$_dq_dataset_specs" -- "$typed"))
        [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *: ]] && compopt -o nospace 2>/dev/null
      fi ;;
    file)
      while IFS= read -r w; do COMPREPLY+=("$w"); done < <(compgen -f -- "$typed")
      compopt -o filenames 2>/dev/null ;;
    number) ;;
    choice*)
      COMPREPLY=($(compgen -W "${kind#choice }" -- "$typed"))
      [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *: ]] && compopt -o nospace 2>/dev/null ;;
    *)
      if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_dq_options "$sub")" -- "$cur"))
      elif [[ $sub == - ]]; then
        COMPREPLY=($(compgen -W "$_dq_subcommands" -- "$cur"))
      else
        while IFS= read -r w; do COMPREPLY+=("$w"); done < <(compgen -f -- "$cur")
        compopt -o filenames 2>/dev/null
      fi ;;
  esac
  # Bash replaces only the text after the last word break (":" or "="): drop what precedes it.
  local shown=$typed
  [[ $kind == "" ]] && shown=$cur
  if [[ $shown == *:* && $COMP_WORDBREAKS == *:* ]]; then
    local lead=${shown%"${shown##*:}"}
    COMPREPLY=("${COMPREPLY[@]#"$lead"}")
  fi
}
complete -F _dq dq
