/* SPDX-License-Identifier: MIT */
#ifndef VDISC_BOOT_CONSOLE_H
#define VDISC_BOOT_CONSOLE_H

/* The boot kernel's serial console: an ns16550 (MMIO or port I/O) or a PL011. */
#include <stdbool.h>
#include <stdint.h>

void console_ns16550_mmio(uint64_t base, unsigned reg_shift, unsigned io_width);
void console_ns16550_pio(uint16_t port);
void console_pl011(uint64_t base);
bool console_ready(void);

void con_putc(char c);
void con_puts(const char *s);
/* One token: NULL or empty prints '-', spaces become '-'. */
void con_putw(const char *s);
void con_putu(uint64_t v);
void con_putx(uint64_t v); /* 0x-prefixed */
/* Lower-case hex, no prefix, zero-padded to @min_digits (at most 16). */
void con_puthex(uint64_t v, unsigned min_digits);
void con_puti(int v);

#endif
