/* SPDX-License-Identifier: MIT */
/*
 * Runs README.md's embedding example (extracted into readme_snippet.c by
 * install-consumers.sh) over each device tree named: "== FILE", then what
 * list_devices() printed.  Fails on the first tree it returns an error for.
 */
#include <stdio.h>
#include <stdlib.h>
#include <vdisc/vdisc.h>

int list_devices(const void *dtb, size_t dtb_size); /* README.md, "For embedders" */

static int readme_run(const char *path)
{
	FILE *f = fopen(path, "rb");
	long size = -1;
	void *dtb = NULL;
	int err = -VDISC_EINVAL;

	if (f && fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0)
		dtb = malloc((size_t)size);
	if (dtb && fread(dtb, 1, (size_t)size, f) == (size_t)size) {
		printf("== %s\n", path);
		err = list_devices(dtb, (size_t)size);
	}
	if (err)
		fprintf(stderr, "readme example: %s: %s\n", path, vdisc_strerror(err));
	free(dtb);
	if (f)
		fclose(f);
	return err;
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (readme_run(argv[i]))
			return 1;
	return argc > 1 ? 0 : 2;
}
