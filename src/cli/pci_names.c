/* SPDX-License-Identifier: MIT */
#include <pci/pci.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "pci_cli.h"

#if defined(__SANITIZE_ADDRESS__)
#define NAMES_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NAMES_LSAN 1
#endif
#endif
#ifdef NAMES_LSAN
#include <sanitizer/lsan_interface.h>
#endif

/*
 * Names come from pci.ids through libpci, as lspci's do, so our output
 * reads the same; the core's own tables answer for classes only where no
 * pci.ids can be read.  libpci is used here for names only.
 */

static struct pci_access *names_access;
static char names_file[4096]; /* -i: libpci keeps the pointer, and wants it writable */

/* -O's parameters that are libpci's naming ones, held until pci_names_init(). */
#define NAMES_MAX_PARAMS 8
static struct {
	char name[32], value[256];
} names_params[NAMES_MAX_PARAMS];
static unsigned names_nparams;

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
	if (names_file[0])
		pci_set_name_list_path(names_access, names_file, 0);
	for (unsigned i = 0; i < names_nparams; i++)
		pci_set_param(names_access, names_params[i].name, names_params[i].value);
}

void pci_names_set_file(const char *path)
{
	snprintf(names_file, sizeof(names_file), "%s", path);
}

/* Whether libpci knows @name as a parameter (a throwaway access: none exists yet). */
static bool names_is_param(const char *name)
{
	struct pci_access *a = pci_alloc();
	struct pci_param *p = NULL;
	bool known = false;

	if (!a)
		return false;
	while (!known && (p = pci_walk_params(a, p)) != NULL)
		known = strcmp(p->param, name) == 0;
	pci_cleanup(a);
	return known;
}

int pci_names_set_param(const char *name, const char *value)
{
	/* Only the naming ones: the access methods' own are not libpci's to use here. */
	if ((strncmp(name, "hwdb.", 5) != 0 && strncmp(name, "net.", 4) != 0) ||
	    !names_is_param(name) || names_nparams >= NAMES_MAX_PARAMS ||
	    strlen(name) >= sizeof(names_params[0].name) ||
	    strlen(value) >= sizeof(names_params[0].value))
		return -1;
	strcpy(names_params[names_nparams].name, name);
	strcpy(names_params[names_nparams++].value, value);
	return 0;
}

void pci_names_cleanup(void)
{
	if (names_access)
		pci_cleanup(names_access);
	names_access = NULL;
}

/*
 * Every look-up goes through here.  libpci asks udev's hwdb before pci.ids,
 * and on a machine without a hwdb.bin it makes a fresh udev context on every
 * look-up and keeps none.  That leak is libpci's; under LeakSanitizer each run
 * would report it and symbolise it at exit, a fifth of a second per run, so
 * the look-ups are left out of leak tracking there.
 */
static char *names_libpci(char *buf, size_t len, int flags, int id1, int id2, int id3, int id4)
{
	char *name;

#ifdef NAMES_LSAN
	__lsan_disable();
#endif
	name = pci_lookup_name(names_access, buf, (int)len, flags, id1, id2, id3, id4);
#ifdef NAMES_LSAN
	__lsan_enable();
#endif
	return name;
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
	return names_libpci(buf, len, flags | PCI_LOOKUP_NO_NUMBERS, a[0], a[1], a[2], a[3]);
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

/*
 * Whether a pci.ids was read (libpci tries on the first look-up).  Where one
 * was, its silence is lspci's "Class 0680" too; the core's tables stand in
 * only on a machine without any.
 */
static bool names_have_ids(void)
{
#if PCI_LIB_VERSION >= 0x030d00
	/* pciutils 3.13 (Debian 13) says it as "attempted" and the table it built. */
	return names_access && (!names_access->id_load_attempted || names_access->id_hash);
#else
	return names_access && !names_access->id_load_failed;
#endif
}

const char *pci_class_text(uint32_t class_code, char *buf, size_t len)
{
	const char *name =
		names_lookup(buf, len, PCI_LOOKUP_CLASS, (int)(class_code >> 8), 0, 0, 0);

	if (name || names_have_ids())
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

	if (name || names_have_ids())
		return name;
	name = vdisc_pci_prog_if_name((uint8_t)(class_code >> 16), (uint8_t)(class_code >> 8),
				      (uint8_t)class_code);
	if (!name)
		return NULL;
	snprintf(buf, len, "%s", name);
	return buf;
}

const char *pci_names_lspci(char *buf, size_t len, enum pci_name_kind kind, int numeric,
			    unsigned id1, unsigned id2, unsigned id3, unsigned id4)
{
	static const int flags[] = {
		[PCI_NAME_CLASS] = PCI_LOOKUP_CLASS,
		[PCI_NAME_VENDOR] = PCI_LOOKUP_VENDOR,
		[PCI_NAME_DEVICE] = PCI_LOOKUP_DEVICE,
		[PCI_NAME_PAIR] = PCI_LOOKUP_VENDOR | PCI_LOOKUP_DEVICE,
		[PCI_NAME_SUBVENDOR] = PCI_LOOKUP_SUBSYSTEM | PCI_LOOKUP_VENDOR,
		[PCI_NAME_SUBDEVICE] = PCI_LOOKUP_SUBSYSTEM | PCI_LOOKUP_DEVICE,
	};
	/* lspci's -n count, as libpci reads it: once numbers, twice or more both. */
	int mode = numeric >= 2 ? PCI_LOOKUP_MIXED : numeric == 1 ? PCI_LOOKUP_NUMERIC : 0;

	if (!names_access || len > INT32_MAX) {
		snprintf(buf, len, "%04x", id1);
		return buf;
	}
	/* Unknown ids get libpci's own fallbacks ("Device 1234", "Class 0680"): lspci's text. */
	return names_libpci(buf, len, flags[kind] | mode, (int)id1, (int)id2, (int)id3, (int)id4);
}
