/* SPDX-License-Identifier: MIT */
/*
 * Serial output for the boot kernel.  Polled, transmit only: an ns16550
 * waits for LSR.THRE, a PL011 for FR.TXFF to clear, each bounded so a
 * wedged UART slows the kernel down instead of hanging it.
 */
#include "console.h"

#include "arch.h"

enum uart_kind_ { UART_NONE_, UART_16550_MMIO_, UART_16550_PIO_, UART_PL011_ };

static struct {
	enum uart_kind_ kind;
	uint64_t base;	       /* MMIO address or I/O port */
	unsigned shift, width; /* ns16550 reg-shift and reg-io-width */
} uart;

#define NS16550_THR_ 0
#define NS16550_LSR_ 5
#define NS16550_LSR_THRE_ 0x20u
#define PL011_DR_ 0x00
#define PL011_FR_ 0x18
#define PL011_FR_TXFF_ 0x20u
#define SPIN_LIMIT_ 1000000u

void console_ns16550_mmio(uint64_t base, unsigned reg_shift, unsigned io_width)
{
	uart.kind = UART_16550_MMIO_;
	uart.base = base;
	uart.shift = reg_shift;
	uart.width = io_width;
}

void console_ns16550_pio(uint16_t port)
{
	uart.kind = UART_16550_PIO_;
	uart.base = port;
	uart.shift = 0;
	uart.width = 1;
}

void console_pl011(uint64_t base)
{
	uart.kind = UART_PL011_;
	uart.base = base;
}

bool console_ready(void)
{
	return uart.kind != UART_NONE_ && uart.base != 0;
}

static void ns16550_write_(unsigned reg, uint8_t v)
{
	uint64_t a = uart.base + ((uint64_t)reg << uart.shift);

	if (uart.kind == UART_16550_PIO_)
		arch_pio_write((uint16_t)a, 1, v);
	else if (uart.width == 4)
		arch_write32(a, v);
	else if (uart.width == 2)
		arch_write16(a, v);
	else
		arch_write8(a, v);
}

static uint8_t ns16550_read_(unsigned reg)
{
	uint64_t a = uart.base + ((uint64_t)reg << uart.shift);

	if (uart.kind == UART_16550_PIO_)
		return (uint8_t)arch_pio_read((uint16_t)a, 1);
	if (uart.width == 4)
		return (uint8_t)arch_read32(a);
	if (uart.width == 2)
		return (uint8_t)arch_read16(a);
	return arch_read8(a);
}

static void raw_putc_(char c)
{
	unsigned spin;

	switch (uart.kind) {
	case UART_16550_MMIO_:
	case UART_16550_PIO_:
		for (spin = 0;
		     spin < SPIN_LIMIT_ && !(ns16550_read_(NS16550_LSR_) & NS16550_LSR_THRE_);
		     spin++)
			;
		ns16550_write_(NS16550_THR_, (uint8_t)c);
		break;
	case UART_PL011_:
		for (spin = 0;
		     spin < SPIN_LIMIT_ && (arch_read32(uart.base + PL011_FR_) & PL011_FR_TXFF_);
		     spin++)
			;
		arch_write32(uart.base + PL011_DR_, (uint8_t)c);
		break;
	default:
		break;
	}
}

void con_putc(char c)
{
	if (c == '\n')
		raw_putc_('\r');
	raw_putc_(c);
}

void con_puts(const char *s)
{
	while (s && *s)
		con_putc(*s++);
}

void con_putw(const char *s)
{
	if (!s || !*s) {
		con_putc('-');
		return;
	}
	for (; *s; s++)
		con_putc(*s == ' ' ? '-' : *s);
}

void con_putu(uint64_t v)
{
	char b[24];
	int n = 0;

	do {
		b[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		con_putc(b[--n]);
}

void con_puthex(uint64_t v, unsigned min_digits)
{
	char b[16];
	unsigned n = 0;

	do {
		b[n++] = "0123456789abcdef"[v & 15];
		v >>= 4;
	} while (v || (n < min_digits && n < sizeof(b)));
	while (n)
		con_putc(b[--n]);
}

void con_putx(uint64_t v)
{
	con_puts("0x");
	con_puthex(v, 1);
}

void con_puti(int v)
{
	if (v < 0) {
		con_putc('-');
		con_putu((uint64_t)(-(int64_t)v));
	} else {
		con_putu((uint64_t)v);
	}
}
