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
 * module's MODULE_DEVICE_TABLE.  libkmod's alias index returns the matches
 * ordered by the module's place in depmod's list, which is the order
 * depmod wrote modules.alias in, so the text file read top to bottom gives
 * the same list; a module matched by several of its patterns is named once.
 */

struct pmod_state {
	const char *modalias;
	void (*emit)(void *arg, const char *module);
	void *arg;
	char last[256]; /* the module named last: runs of one module are named once */
	int count;
};

static void pmod_match(struct pmod_state *s, const char *pattern, const char *module, size_t len)
{
	char name[sizeof(s->last)];
	size_t i;

	if (fnmatch(pattern, s->modalias, 0) != 0)
		return;
	if (len >= sizeof(name))
		len = sizeof(name) - 1;
	/* Module names compare with '-' and '_' alike; libkmod reports them with '_'. */
	for (i = 0; i < len; i++)
		name[i] = module[i] == '-' ? '_' : module[i];
	name[len] = '\0';
	if (strcmp(name, s->last) == 0)
		return;
	memcpy(s->last, name, len + 1);
	s->emit(s->arg, name);
	s->count++;
}

/* modules.alias: "alias PATTERN MODULE" lines. */
static void pmod_scan_aliases(FILE *f, struct pmod_state *s)
{
	char line[1024], pattern[512], module[256];

	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "alias %511s %255s", pattern, module) == 2)
			pmod_match(s, pattern, module, strlen(module));
}

/* modules.builtin.modinfo: NUL-separated "module.key=value" records; the aliases count. */
static void pmod_scan_builtin(FILE *f, struct pmod_state *s)
{
	static const char key[] = ".alias=";
	char rec[1024];
	size_t n = 0;
	int c;

	while ((c = fgetc(f)) != EOF) {
		const char *dot;

		if (c && n + 1 < sizeof(rec)) {
			rec[n++] = (char)c;
			continue;
		}
		if (c)
			continue; /* an over-long record is skipped to its end */
		rec[n] = '\0';
		n = 0;
		dot = strchr(rec, '.');
		if (dot && strncmp(dot, key, sizeof(key) - 1) == 0)
			pmod_match(s, dot + sizeof(key) - 1, rec, (size_t)(dot - rec));
	}
}

static int pmod_scan(const char *dir, const char *file, struct pmod_state *s)
{
	char path[PATH_MAX];
	FILE *f;

	if (snprintf(path, sizeof(path), "%s/%s", dir, file) >= (int)sizeof(path))
		return -VDISC_ENOTFOUND;
	f = fopen(path, "r");
	if (!f)
		return -VDISC_ENOTFOUND;
	if (strcmp(file, "modules.alias") == 0)
		pmod_scan_aliases(f, s);
	else
		pmod_scan_builtin(f, s);
	fclose(f);
	return 0;
}

int vdisc_pci_modules(const char *dir, const char *modalias,
		      void (*emit)(void *arg, const char *module), void *arg)
{
	struct pmod_state s = {.modalias = modalias, .emit = emit, .arg = arg};
	char own[PATH_MAX];
	struct utsname uts;
	int err;

	if (!dir) {
		if (uname(&uts) != 0)
			return -VDISC_ENOTFOUND;
		snprintf(own, sizeof(own), "/lib/modules/%s", uts.release);
		dir = own;
	}
	err = pmod_scan(dir, "modules.alias", &s);
	/* libkmod looks at built-in modules only where no loadable one matched. */
	if (!err && s.count == 0)
		pmod_scan(dir, "modules.builtin.modinfo", &s);
	return err ? err : s.count;
}
