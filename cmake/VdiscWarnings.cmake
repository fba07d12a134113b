# -Werror everywhere, with libfdt's own warning set on top of -Wall -Wextra.
function(vdisc_strict_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Werror
    -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wwrite-strings -Wcast-qual)
endfunction()
