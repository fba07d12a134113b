/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE /* dl_iterate_phdr */
#include <ctype.h>
#include <link.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>
#include <pci/pci.h>

#include "cli.h"

/*
 * vdisc --version: vdisc's own version, then each library a report or a
 * difference in output may come from, as built and as running.  A shared
 * library's running version is read from the file the dynamic linker
 * loaded (libpci.so.3.9.0, libfdt-1.6.1.so: Debian and upstream name the
 * files by version); libfdt has no version call or macro, so its build
 * version is what CMake found at configure time (VDISC_LIBFDT_VERSION,
 * VDISC_LIBFDT_VERSION_FROM).  pci.ids is the file libpci opens for
 * names: its "Version:" header comment.
 */

#ifndef VDISC_LIBFDT_VERSION
#define VDISC_LIBFDT_VERSION "unknown"
#define VDISC_LIBFDT_VERSION_FROM "not recorded at configure time"
#endif

struct ver_loaded {
	const char *stem; /* "libfdt", "libpci" */
	char path[PATH_MAX];
	bool found;
};

/* The version in a library's file name: "libfdt-1.6.1.so" or "libpci.so.3.9.0". */
static bool ver_from_file(const char *path, const char *stem, char *buf, size_t len)
{
	const char *base = strrchr(path, '/'), *v;
	size_t n, i;

	base = base ? base + 1 : path;
	if (strncmp(base, stem, strlen(stem)) != 0)
		return false;
	v = base + strlen(stem);
	if (*v == '-') {
		const char *so = strstr(++v, ".so");

		n = so ? (size_t)(so - v) : 0;
	} else if (strncmp(v, ".so.", 4) == 0) {
		v += 4;
		n = strlen(v);
	} else {
		return false;
	}
	if (n == 0 || n >= len || !isdigit((unsigned char)v[0]))
		return false;
	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)v[i]) && v[i] != '.')
			return false;
	memcpy(buf, v, n);
	buf[n] = '\0';
	return true;
}

static int ver_find_loaded(struct dl_phdr_info *info, size_t size, void *data)
{
	struct ver_loaded *l = data;
	const char *base;

	(void)size;
	if (!info->dlpi_name || !*info->dlpi_name)
		return 0;
	base = strrchr(info->dlpi_name, '/');
	base = base ? base + 1 : info->dlpi_name;
	if (strncmp(base, l->stem, strlen(l->stem)) != 0 ||
	    (base[strlen(l->stem)] != '.' && base[strlen(l->stem)] != '-'))
		return 0;
	/* The soname link (libfdt.so.1) leads to the versioned file. */
	if (!realpath(info->dlpi_name, l->path))
		snprintf(l->path, sizeof(l->path), "%s", info->dlpi_name);
	l->found = true;
	return 1;
}

/* "NAME RUNNING (build: BUILT; running: FILE)", or the build version alone when linked in. */
static void ver_print_library(FILE *out, const char *stem, const char *built)
{
	struct ver_loaded l = {.stem = stem};
	char running[64];

	dl_iterate_phdr(ver_find_loaded, &l);
	if (l.found && ver_from_file(l.path, stem, running, sizeof(running)))
		fprintf(out, "%s %s (build: %s; running: %s)\n", stem, running, built, l.path);
	else if (l.found)
		fprintf(out, "%s (build: %s; running: %s)\n", stem, built, l.path);
	else
		fprintf(out, "%s (build: %s; linked in statically)\n", stem, built);
}

/*
 * The ids file libpci reads: its id_file_name, or, as libpci does when
 * built with zlib, the same name without ".gz" when that one is absent.
 */
static FILE *ver_open_ids(const char *name, char *path, size_t len)
{
	size_t n = strlen(name);
	FILE *f;

	snprintf(path, len, "%s", name);
	f = fopen(path, "rb");
	if (!f && n > 3 && n < len && strcmp(name + n - 3, ".gz") == 0) {
		path[n - 3] = '\0';
		f = fopen(path, "rb");
		if (!f)
			snprintf(path, len, "%s", name);
	}
	return f;
}

/* The "#	Version: 2023.04.10" line of pci.ids' header comment (empty if none). */
static void ver_read_ids(FILE *f, char *version, size_t len)
{
	char line[256], fmt[32];
	int c = getc(f);

	version[0] = '\0';
	if (c == 0x1f) /* gzip's magic: the comment is inside the compressed stream */
		return;
	ungetc(c, f);
	snprintf(fmt, sizeof(fmt), "#%%*[ \t]Version:%%*[ \t]%%%zus", len - 1);
	while (fgets(line, sizeof(line), f) && line[0] == '#')
		if (sscanf(line, fmt, version) == 1)
			return;
	version[0] = '\0';
}

static void ver_print_ids(FILE *out)
{
	struct pci_access *pacc = pci_alloc();
	char path[PATH_MAX], version[64] = "";
	FILE *f = NULL;

	if (!pacc || !pacc->id_file_name) {
		fprintf(out, "pci.ids: libpci names no file\n");
	} else if (!(f = ver_open_ids(pacc->id_file_name, path, sizeof(path)))) {
		fprintf(out, "pci.ids (%s: not readable; names are shown as numbers)\n", path);
	} else {
		ver_read_ids(f, version, sizeof(version));
		if (version[0])
			fprintf(out, "pci.ids %s (%s)\n", version, path);
		else
			fprintf(out, "pci.ids (%s: no Version: line read; compressed?)\n", path);
		fclose(f);
	}
	if (pacc)
		pci_cleanup(pacc);
}

void cli_print_version(FILE *out)
{
	char pci_built[64];

	fprintf(out, "vdisc %s\n", VDISC_VERSION_STRING);
	ver_print_library(out, "libfdt", VDISC_LIBFDT_VERSION " from " VDISC_LIBFDT_VERSION_FROM);
	snprintf(pci_built, sizeof(pci_built), "PCI_LIB_VERSION %#08x, %u.%u.%u",
		 (unsigned)PCI_LIB_VERSION, (unsigned)(PCI_LIB_VERSION >> 16) & 0xff,
		 (unsigned)(PCI_LIB_VERSION >> 8) & 0xff, (unsigned)PCI_LIB_VERSION & 0xff);
	ver_print_library(out, "libpci", pci_built);
	ver_print_ids(out);
	fprintf(out, "json-c %s (build: %s)\n", json_c_version(), JSON_C_VERSION);
}
