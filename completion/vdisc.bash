# bash completion for vdisc(1)                                  -*- shell-script -*-
# SPDX-License-Identifier: MIT
#
# Nothing here names an option: every list comes from the vdisc being
# completed, at the moment of completion -- its --help for commands,
# subcommands and options (argp's layout), 'vdisc virtio types' for type
# names and aliases, 'vdisc pci -A help' for access methods -- so an
# option added to any command is offered without touching this file.
# Option values are completed by the argument's name in --help: a list
# written a|b|c, TYPE, METHOD, SLOT (PCI functions from sysfs), FILE,
# SOCK and DIR (paths).  Needs bash-completion (_init_completion).

# vdisc ARGS..., its help in argp's default layout and in English whatever the user's settings.
_vdisc_run()
{
    env -u ARGP_HELP_FMT LC_ALL=C "$@" 2>/dev/null
}

# The names under "Commands:" or "Subcommands:" of the help text on stdin.
_vdisc_listed()
{
    awk '/^(Sub)?[Cc]ommands:$/ {on = 1; next} on && /^  [a-z]/ {print $1} /^$/ {on = 0}'
}

# The options of the help text on stdin (argp puts them in column 2, or 6 when long only),
# one a line: NAME<TAB>ARG<TAB>KIND, where KIND is
# "" (no argument), "=" (an argument: next word or after '=') or "[=" (only after '=').
_vdisc_options()
{
    awk '
    /^(  |      )-/ {
        spec = $0
        sub(/^ +/, "", spec)
        sub(/   .*$/, "", spec)
        n = split(spec, names, ", ")
        arg = ""; kind = ""
        for (i = 1; i <= n; i++) {
            if (match(names[i], /\[=/)) { arg = substr(names[i], RSTART + 2); sub(/\]$/, "", arg); kind = "[=" }
            else if (match(names[i], /=/)) { arg = substr(names[i], RSTART + 1); kind = "=" }
            else if (match(names[i], / /)) { arg = substr(names[i], RSTART + 1); kind = "=" }
        }
        for (i = 1; i <= n; i++) {
            name = names[i]
            sub(/[[= ].*$/, "", name)
            print name "\t" arg "\t" kind
        }
    }'
}

# The values an option's argument ARG (its name in --help, or a|b|c) can take, for $cur.
_vdisc_values()
{
    local vdisc=$1 arg=$2 option=$3
    case $arg in
    *"|"*)
        COMPREPLY=($(compgen -W "${arg//|/ }" -- "$cur"))
        ;;
    TYPE)
        COMPREPLY=($(compgen -W "$(_vdisc_run "$vdisc" virtio types | awk '
            { print $2; for (i = 5; i <= NF; i++) if ($i != "alias") { sub(/,$/, "", $i); print $i } }')" -- "$cur"))
        ;;
    METHOD)
        COMPREPLY=($(compgen -W "help $(_vdisc_run "$vdisc" pci -A help | awk '
            /^  [a-z]/ { m = $1; sub(/\[.*$/, "", m); print m } /^ +libpci:[^ ]+$/ { print $1 }')" -- "$cur"))
        ;;
    NAME=VALUE)
        # pci -O: lspci's parameter names vdisc takes, each with its '='.
        COMPREPLY=($(compgen -W "help $(_vdisc_run "$vdisc" pci -O help | awk '
            /^  [a-z]/ { sub(/=.*$/, "=", $1); print $1 }')" -- "$cur"))
        [[ ${COMPREPLY[0]-} == *= ]] && compopt -o nospace 2>/dev/null
        ;;
    *SLOT* | *"[S]"*)
        local dev slots=()
        for dev in /sys/bus/pci/devices/*; do
            [ -e "$dev" ] || continue
            dev=${dev##*/}
            slots+=("$dev")
            [[ $dev == 0000:* ]] && slots+=("${dev#0000:}")
        done
        COMPREPLY=($(compgen -W "${slots[*]}" -- "$cur"))
        ;;
    DIR)
        _filedir -d
        ;;
    FILE | SOCK | PATH)
        _filedir
        ;;
    esac
    return 0
}

_vdisc()
{
    local cur prev words cword split
    # ':' is not a word break here: PCI slots and libpci:NAME are one word each.
    _init_completion -s -n : || return

    local vdisc=${words[0]} i word command="" sub="" subs="" at=0
    local -a path=()
    [[ $vdisc == "~"* ]] && __expand_tilde_by_ref vdisc
    # The command, then its subcommand where it has any: the first words that are not options
    # (options before them are only vdisc's help options, which take no argument).
    for ((i = 1; i < cword; i++)); do
        word=${words[i]}
        [[ $word == -* ]] && continue
        if [ -z "$command" ]; then
            command=$word
            path=("$command")
            subs=$(_vdisc_run "$vdisc" "$command" --help | _vdisc_listed)
            at=$i
        elif [ "$command" = help ]; then
            path+=("$word")
        elif [ -n "$subs" ] && [ -z "$sub" ]; then
            sub=$word
            path+=("$sub")
            at=$i
            break
        else
            break
        fi
    done

    if [ -z "$command" ]; then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "$(_vdisc_run "$vdisc" --help | _vdisc_options | cut -f1)" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$(_vdisc_run "$vdisc" --help | _vdisc_listed)" -- "$cur"))
        fi
        return 0
    fi
    if [ "$command" = help ]; then
        case ${#path[@]} in
        1) COMPREPLY=($(compgen -W "$(_vdisc_run "$vdisc" --help | _vdisc_listed | grep -vx help)" -- "$cur")) ;;
        2) COMPREPLY=($(compgen -W "$(_vdisc_run "$vdisc" "${path[1]}" --help | _vdisc_listed)" -- "$cur")) ;;
        esac
        return 0
    fi
    if [ -n "$subs" ] && [ -z "$sub" ] && [[ $cur != -* ]]; then
        COMPREPLY=($(compgen -W "$subs" -- "$cur"))
        return 0
    fi

    local help options name arg kind
    help=$(_vdisc_run "$vdisc" "${path[@]}" --help) || return 0
    options=$(_vdisc_options <<<"$help")
    # The value of an option: --opt=VALUE (split by _init_completion), or the word after it.
    if [ "$split" = true ] || [[ $prev == -* && $cword -gt $((at + 1)) ]]; then
        while IFS=$'\t' read -r name arg kind; do
            [ "$name" = "$prev" ] || continue
            if [ "$kind" = "=" ] || { [ "$kind" = "[=" ] && [ "$split" = true ]; }; then
                _vdisc_values "$vdisc" "$arg" "$name"
                __ltrim_colon_completions "$cur"
                return 0
            fi
        done <<<"$options"
        [ "$split" = true ] && return 0
    fi
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(cut -f1 <<<"$options")" -- "$cur"))
        return 0
    fi
    # Arguments: paths where the usage line takes a FILE.
    if grep -qE '^(Usage|  or): .*FILE' <<<"$help"; then
        _filedir
    fi
    return 0
} &&
    complete -F _vdisc vdisc

# ex: filetype=sh
