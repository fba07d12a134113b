/* SPDX-License-Identifier: MIT */
/*
 * Runs a libFuzzer target over files without libFuzzer, so that the seed
 * corpus is a regression test under any compiler (and under ASan+UBSan).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	int i, failed = 0;

	for (i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		unsigned char *buf = NULL;
		size_t len = 0, cap = 0, n;

		if (!f) {
			fprintf(stderr, "replay: %s: cannot open\n", argv[i]);
			failed++;
			continue;
		}
		do {
			if (len == cap) {
				unsigned char *grown = realloc(buf, cap = cap ? 2 * cap : 65536);

				if (!grown)
					return 2;
				buf = grown;
			}
			n = fread(buf + len, 1, cap - len, f);
			len += n;
		} while (n > 0);
		fclose(f);
		LLVMFuzzerTestOneInput(buf, len);
		free(buf);
	}
	printf("replayed %d inputs, %d unreadable\n", argc - 1 - failed, failed);
	return failed ? 1 : 0;
}
