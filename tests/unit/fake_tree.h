/* SPDX-License-Identifier: MIT */
#ifndef VDISC_TESTS_FAKE_TREE_H
#define VDISC_TESTS_FAKE_TREE_H

/*
 * Building fake sysfs and procfs trees under a temporary root for the
 * hosted tests: directories, files and symlinks by path relative to the
 * root.  Include after <cmocka.h>.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ROOT/REL, which must fit (roots are short temporary directories). */
static inline void tree_path(char *out, size_t len, const char *root, const char *rel)
{
	assert_true((size_t)snprintf(out, len, "%s/%s", root, rel) < len);
}

/* mkdir -p ROOT/REL (ROOT exists). */
static inline void tree_mkdirs(const char *root, const char *rel)
{
	char path[PATH_MAX], *p;

	tree_path(path, sizeof(path), root, rel);
	for (p = path + strlen(root) + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(path, 0755);
			*p = '/';
		}
	mkdir(path, 0755);
}

/* ROOT/REL holds @text. */
static inline void tree_put(const char *root, const char *rel, const char *text)
{
	char path[PATH_MAX];
	FILE *f;

	tree_path(path, sizeof(path), root, rel);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* ROOT/REL is a symlink to @target (replacing what was there). */
static inline void tree_link(const char *root, const char *target, const char *rel)
{
	char path[PATH_MAX];

	tree_path(path, sizeof(path), root, rel);
	unlink(path);
	assert_int_equal(symlink(target, path), 0);
}

static inline void tree_unlink(const char *root, const char *rel)
{
	char path[PATH_MAX];

	tree_path(path, sizeof(path), root, rel);
	unlink(path);
}

#endif
