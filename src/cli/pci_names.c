/* SPDX-License-Identifier: MIT */
#include <pci/pci.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "pci_cli.h"

/*
 * Names come from pci.ids through libpci, as lspci's do, so our output
 * reads the same; the core's own tables answer for classes where pci.ids
 * is missing or silent.  libpci is used here for names only.
 */

static struct pci_access *names_access;

/* libpci calls this only when it cannot go on (out of memory); it must not return. */
static void __attribute__((noreturn, format(printf, 1, 2))) names_fatal(char *msg, ...)
{
	va_list ap;

	fputs("vdisc: libpci: ", stderr);
	va_start(ap, msg);
	vfprintf(stderr, msg, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(VDISC_EXIT_FAILED);
}

/* A missing or unreadable pci.ids only means numbers instead of names. */
static void __attribute__((format(printf, 1, 2))) names_quiet(char *msg, ...)
{
	(void)msg;
}

void pci_names_init(void)
{
	if (names_access)
		return;
	names_access = pci_alloc();
	/*
	 * Names only: no pci_init(), which would probe access methods and exit
	 * where none works.  pci_init() is also what installs the message
	 * handlers, so install ours.
	 */
	names_access->error = names_fatal;
	names_access->warning = names_quiet;
	names_access->debug = names_quiet;
}

void pci_names_cleanup(void)
{
	if (names_access)
		pci_cleanup(names_access);
	names_access = NULL;
}

static const char *names_lookup(char *buf, size_t len, int flags, ...)
{
	int a[4], i;
	va_list ap;

	if (!names_access)
		return NULL;
	/* Argument evaluation order is unspecified: take the four ids out first. */
	va_start(ap, flags);
	for (i = 0; i < 4; i++)
		a[i] = va_arg(ap, int);
	va_end(ap);
	/* NO_NUMBERS: an unknown id gives NULL, and we print the number ourselves. */
	return pci_lookup_name(names_access, buf, (int)len, flags | PCI_LOOKUP_NO_NUMBERS, a[0],
			       a[1], a[2], a[3]);
}

const char *pci_vendor_name(uint16_t vendor, char *buf, size_t len)
{
	return names_lookup(buf, len, PCI_LOOKUP_VENDOR, vendor, 0, 0, 0);
}

const char *pci_device_name(uint16_t vendor, uint16_t device, char *buf, size_t len)
{
	return names_lookup(buf, len, PCI_LOOKUP_DEVICE, vendor, device, 0, 0);
}

const char *pci_subsystem_name(uint16_t vendor, uint16_t device, uint16_t sv, uint16_t sd,
			       char *buf, size_t len)
{
	return names_lookup(buf, len, PCI_LOOKUP_SUBSYSTEM | PCI_LOOKUP_DEVICE, vendor, device, sv,
			    sd);
}

const char *pci_class_text(uint32_t class_code, char *buf, size_t len)
{
	const char *name =
		names_lookup(buf, len, PCI_LOOKUP_CLASS, (int)(class_code >> 8), 0, 0, 0);

	if (name)
		return name;
	name = vdisc_pci_subclass_name((uint8_t)(class_code >> 16), (uint8_t)(class_code >> 8));
	if (!name)
		name = vdisc_pci_base_class_name((uint8_t)(class_code >> 16));
	if (!name)
		return NULL;
	snprintf(buf, len, "%s", name);
	return buf;
}

const char *pci_prog_if_text(uint32_t class_code, char *buf, size_t len)
{
	const char *name = names_lookup(buf, len, PCI_LOOKUP_PROGIF, (int)(class_code >> 8),
					(int)(class_code & 0xff), 0, 0);

	char probe[64];

	/*
	 * lspci names a programming interface only where pci.ids does; the
	 * built-in table stands in only where there is no pci.ids at all (it
	 * does not even know the host bridge class).
	 */
	if (name || names_lookup(probe, sizeof(probe), PCI_LOOKUP_CLASS, 0x0600, 0, 0, 0))
		return name;
	name = vdisc_pci_prog_if_name((uint8_t)(class_code >> 16), (uint8_t)(class_code >> 8),
				      (uint8_t)class_code);
	if (!name)
		return NULL;
	snprintf(buf, len, "%s", name);
	return buf;
}
