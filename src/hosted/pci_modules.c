/* SPDX-License-Identifier: MIT */
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "pci_kernel.h"

/*
 * "Kernel modules:" as lspci finds them through libkmod: the device's
 * modalias matched against the shell patterns depmod collected from every
 * module's MODULE_DEVICE_TABLE.  Patterns are ordered by their text, as
 * libkmod's alias index returns them; a module listed for several matching
 * patterns is named once per run of matches.
 */

struct pmod_match {
	char *pattern, *module;
};

struct pmod_list {
	struct pmod_match *m;
	size_t n, cap;
};

/* Module names compare with '-' and '_' alike; libkmod reports them with '_'. */
static void pmod_normalise(char *name)
{
	for (; *name; name++)
		if (*name == '-')
			*name = '_';
}

static int pmod_add(struct pmod_list *l, const char *pattern, const char *module)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 8;
		struct pmod_match *m = realloc(l->m, cap * sizeof(*m));

		if (!m)
			return -VDISC_ENOMEM;
		l->m = m;
		l->cap = cap;
	}
	l->m[l->n].pattern = strdup(pattern);
	l->m[l->n].module = strdup(module);
	if (!l->m[l->n].pattern || !l->m[l->n].module) {
		free(l->m[l->n].pattern);
		free(l->m[l->n].module);
		return -VDISC_ENOMEM;
	}
	pmod_normalise(l->m[l->n].module);
	l->n++;
	return 0;
}

/* modules.alias: "alias PATTERN MODULE" lines. */
static int pmod_scan_aliases(FILE *f, const char *modalias, struct pmod_list *l)
{
	char line[1024], pattern[512], module[256];
	int err = 0;

	while (!err && fgets(line, sizeof(line), f))
		if (sscanf(line, "alias %511s %255s", pattern, module) == 2 &&
		    fnmatch(pattern, modalias, 0) == 0)
			err = pmod_add(l, pattern, module);
	return err;
}

/* modules.builtin.modinfo: NUL-separated "module.alias=PATTERN" records. */
static int pmod_scan_builtin(FILE *f, const char *modalias, struct pmod_list *l)
{
	char rec[1024];
	size_t n = 0;
	int c, err = 0;

	while (!err && (c = fgetc(f)) != EOF) {
		const char *dot, *eq;

		if (c && n + 1 < sizeof(rec)) {
			rec[n++] = (char)c;
			continue;
		}
		if (c)
			continue; /* an over-long record is skipped to its end */
		rec[n] = '\0';
		n = 0;
		dot = strchr(rec, '.');
		if (!dot || strncmp(dot, ".alias=", 7) != 0)
			continue;
		eq = dot + 6;
		if (fnmatch(eq + 1, modalias, 0) == 0) {
			char module[256];

			snprintf(module, sizeof(module), "%.*s", (int)(dot - rec), rec);
			err = pmod_add(l, eq + 1, module);
		}
	}
	return err;
}

static int pmod_cmp(const void *a, const void *b)
{
	const struct pmod_match *x = a, *y = b;
	int r = strcmp(x->pattern, y->pattern);

	return r ? r : strcmp(x->module, y->module);
}

static int pmod_scan(const char *dir, const char *file, const char *modalias, struct pmod_list *l)
{
	char path[PATH_MAX];
	FILE *f;
	int err;

	if (snprintf(path, sizeof(path), "%s/%s", dir, file) >= (int)sizeof(path))
		return -VDISC_ENOTFOUND;
	f = fopen(path, "r");
	if (!f)
		return -VDISC_ENOTFOUND;
	err = strcmp(file, "modules.alias") == 0 ? pmod_scan_aliases(f, modalias, l)
						 : pmod_scan_builtin(f, modalias, l);
	fclose(f);
	return err;
}

int vdisc_pci_modules(const char *dir, const char *modalias,
		      void (*emit)(void *arg, const char *module), void *arg)
{
	struct pmod_list l = {0};
	char own[PATH_MAX];
	struct utsname uts;
	size_t i;
	int err, count = 0;

	if (!dir) {
		if (uname(&uts) != 0)
			return -VDISC_ENOTFOUND;
		snprintf(own, sizeof(own), "/lib/modules/%s", uts.release);
		dir = own;
	}
	err = pmod_scan(dir, "modules.alias", modalias, &l);
	if (err == 0 && l.n == 0)
		pmod_scan(dir, "modules.builtin.modinfo", modalias, &l);
	if (l.n)
		qsort(l.m, l.n, sizeof(*l.m), pmod_cmp);
	for (i = 0; i < l.n; i++) {
		if (!i || strcmp(l.m[i].module, l.m[i - 1].module) != 0) {
			emit(arg, l.m[i].module);
			count++;
		}
		free(l.m[i].pattern);
		free(l.m[i].module);
	}
	free(l.m);
	return err ? err : count;
}
