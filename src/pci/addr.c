/* SPDX-License-Identifier: MIT */
#include "pci_internal.h"

/*
 * Slot strings, the way Linux names a function in sysfs and lspci prints
 * it: "ssss:bb:dd.f", the domain optional.  One parser and one formatter
 * for every caller, hosted or not; the core has no snprintf or strtoul,
 * so both are written out here.
 */

static int addr_hexval_(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Up to @max hex digits of @s: their count in *@digits (0 for none), their value returned. */
static uint32_t addr_hexfield_(const char *s, size_t max, size_t *digits)
{
	uint32_t v = 0;
	size_t k;

	for (k = 0; k < max && addr_hexval_(s[k]) >= 0; k++)
		v = v << 4 | (uint32_t)addr_hexval_(s[k]);
	*digits = k;
	return v;
}

/* "[[dddd:]bb:]dd.f": up to 4 domain digits, 2 bus and 2 device digits. */
int vdisc_pci_addr_parse(const char *s, struct vdisc_pci_addr *addr)
{
	static const size_t maxdigits[3][3] = {{2, 0, 0}, {2, 2, 0}, {4, 2, 2}};
	uint32_t field[3];
	size_t digits[3], nf = 0, k;

	if (!s || !addr)
		return -VDISC_EINVAL;
	for (;;) {
		/* Five digits at most are looked at: a fifth makes the field too long. */
		uint32_t v = addr_hexfield_(s, 5, &k);

		if (k == 0 || k > 4 || nf == 3)
			return -VDISC_EINVAL;
		digits[nf] = k;
		field[nf++] = v;
		s += k;
		if (*s == '.')
			break;
		if (*s++ != ':')
			return -VDISC_EINVAL;
	}
	for (k = 0; k < nf; k++)
		if (digits[k] > maxdigits[nf - 1][k])
			return -VDISC_EINVAL;
	if (field[nf - 1] > 0x1f || s[1] < '0' || s[1] > '7' || s[2] != '\0')
		return -VDISC_EINVAL;
	addr->segment = nf == 3 ? (uint16_t)field[0] : 0;
	addr->bus = nf >= 2 ? (uint8_t)field[nf - 2] : 0;
	addr->dev = (uint8_t)field[nf - 1];
	addr->fn = (uint8_t)(s[1] - '0');
	return 0;
}

static char *addr_put_hex_(char *p, uint32_t v, unsigned digits)
{
	static const char hex[] = "0123456789abcdef";

	while (digits-- > 0)
		*p++ = hex[(v >> (4 * digits)) & 15];
	return p;
}

int vdisc_pci_addr_format(char *buf, size_t len, struct vdisc_pci_addr a, bool domain)
{
	char tmp[VDISC_PCI_ADDR_STRLEN], *p = tmp;
	size_t n;

	if (domain) {
		p = addr_put_hex_(p, a.segment, 4);
		*p++ = ':';
	}
	p = addr_put_hex_(p, a.bus, 2);
	*p++ = ':';
	p = addr_put_hex_(p, a.dev & 31u, 2);
	*p++ = '.';
	p = addr_put_hex_(p, a.fn & 7u, 1);
	n = (size_t)(p - tmp);
	if (!buf || len <= n) {
		if (buf && len)
			buf[0] = '\0';
		return -VDISC_ERANGE;
	}
	memcpy(buf, tmp, n);
	buf[n] = '\0';
	return (int)n;
}
